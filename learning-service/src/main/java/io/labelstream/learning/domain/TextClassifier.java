package io.labelstream.learning.domain;

import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A linear text classifier: logistic regression ({@link LogMulticlass}, softmax over the labels) trained by
 * Tribuo's SGD with AdaGrad on {@link TextFeatures}. A single-label project has one multiclass model; a
 * multi-label project one binary model per label (one-vs-rest), each saying whether its label applies.
 */
public final class TextClassifier {

    static final String PRESENT = "yes";
    static final String ABSENT = "no";
    // AdaGrad's step size and epochs, settled by the active-learning curves on the SMS spam collection: small
    // steps over more passes keep a model of a few dozen labels from swinging with each one, and it scored
    // higher at every checkpoint from 50 labels on than 0.5 over 8 passes, with the same F1 on the whole pool
    private static final double LEARNING_RATE = 0.1;
    private static final int EPOCHS = 20;
    private static final long SEED = 12345L;
    private static final LabelFactory LABELS = new LabelFactory();
    // present in every example: Tribuo refuses an example none of whose features it knows (a text of emoji,
    // or of words never seen in training); with it such a text gets the model's prior instead
    static final String ALWAYS = "always";

    private final TaskShape shape;
    // single label: one model under the key ""; multi label: one model per label name
    private final Map<String, Model<Label>> models;
    // a label of a multi-label project that was always present or always absent: its constant probability
    private final Map<String, Double> constants;

    private TextClassifier(TaskShape shape, Map<String, Model<Label>> models, Map<String, Double> constants) {
        this.shape = shape;
        this.models = models;
        this.constants = constants;
    }

    /**
     * Trains on {@code examples}. {@code labelSet} is the project's label set: a multi-label model speaks of
     * each of its labels, whether seen in training or not.
     */
    public static TextClassifier train(TaskShape shape, List<String> labelSet, List<LabeledText> examples) {
        return train(shape, labelSet, examples, features(examples));
    }

    /** The {@link TextFeatures} of each example, in order. */
    public static List<Map<String, Double>> features(List<LabeledText> examples) {
        return examples.stream().map(e -> TextFeatures.of(e.text())).toList();
    }

    /**
     * {@link #train(TaskShape, List, List)} on features computed beforehand: a training and its
     * cross-validation compute each example's features once rather than once per model they fit.
     */
    public static TextClassifier train(TaskShape shape, List<String> labelSet, List<LabeledText> examples,
                                       List<Map<String, Double>> features) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        if (features.size() != examples.size()) {
            throw new IllegalArgumentException(features.size() + " feature sets for " + examples.size() + " examples");
        }
        Map<String, Model<Label>> models = new LinkedHashMap<>();
        Map<String, Double> constants = new TreeMap<>();
        if (shape == TaskShape.SINGLE_LABEL) {
            List<String> outputs = examples.stream().map(e -> e.labels().iterator().next()).toList();
            if (new HashSet<>(outputs).size() < 2) {
                constants.put(outputs.get(0), 1.0);
            } else {
                models.put("", fit(features, outputs));
            }
        } else {
            for (String label : labelSet) {
                List<String> outputs = examples.stream().map(e -> e.labels().contains(label) ? PRESENT : ABSENT).toList();
                long present = outputs.stream().filter(PRESENT::equals).count();
                if (present == 0 || present == outputs.size()) {
                    constants.put(label, present == 0 ? 0.0 : 1.0);
                } else {
                    models.put(label, fit(features, outputs));
                }
            }
        }
        return new TextClassifier(shape, models, constants);
    }

    public TaskShape shape() {
        return shape;
    }

    /** The model's belief about {@code text}: a distribution (single label) or a probability per label. */
    public Prediction predict(String text) {
        return predictFeatures(TextFeatures.of(text));
    }

    /** {@link #predict(String)} of a text whose {@link TextFeatures} are given. */
    Prediction predictFeatures(Map<String, Double> features) {
        Example<Label> example = example(LabelFactory.UNKNOWN_LABEL, features);
        Map<String, Double> distribution = new TreeMap<>(constants);
        if (shape == TaskShape.SINGLE_LABEL) {
            if (!models.isEmpty()) {
                org.tribuo.Prediction<Label> p = models.get("").predict(example);
                p.getOutputScores().forEach((name, label) -> distribution.put(name, label.getScore()));
            }
            String best = distribution.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            return new Prediction(distribution, Set.of(best));
        }
        Set<String> chosen = new HashSet<>();
        models.forEach((label, model) -> {
            org.tribuo.Prediction<Label> p = model.predict(example);
            Label present = p.getOutputScores().get(PRESENT);
            distribution.put(label, present == null ? 0.0 : present.getScore());
        });
        distribution.forEach((label, probability) -> {
            if (probability >= 0.5) {
                chosen.add(label);
            }
        });
        return new Prediction(distribution, chosen);
    }

    /**
     * What the model says about one text.
     *
     * @param distribution single label: probability of each label, summing to 1; multi label: probability
     *                     that each label applies
     * @param labels       the predicted label (single) or labels (multi)
     */
    public record Prediction(Map<String, Double> distribution, Set<String> labels) {

        /**
         * Least confidence, scaled to 0 (certain) .. 1: single label {@code (1 − max p) · K/(K − 1)} for K
         * labels; multi label the least confident of its binary decisions, {@code 1 − |2p − 1|}.
         */
        public double uncertainty(TaskShape shape) {
            if (shape == TaskShape.SINGLE_LABEL) {
                int k = distribution.size();
                double max = distribution.values().stream().mapToDouble(Double::doubleValue).max().orElse(1.0);
                return k < 2 ? 0.0 : Math.min(1.0, (1 - max) * k / (k - 1));
            }
            return distribution.values().stream().mapToDouble(p -> 1 - Math.abs(2 * p - 1)).max().orElse(0.0);
        }

        /** The probability of the predicted label (single) or of the least confident decision (multi). */
        public double confidence(TaskShape shape) {
            if (shape == TaskShape.SINGLE_LABEL) {
                return distribution.values().stream().mapToDouble(Double::doubleValue).max().orElse(0.0);
            }
            return distribution.values().stream().mapToDouble(p -> Math.max(p, 1 - p)).min().orElse(1.0);
        }
    }

    /** The model as bytes, for storage: the shape, the constants and each Tribuo model's protobuf. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(shape.name());
            out.writeInt(constants.size());
            for (Map.Entry<String, Double> constant : constants.entrySet()) {
                out.writeUTF(constant.getKey());
                out.writeDouble(constant.getValue());
            }
            out.writeInt(models.size());
            for (Map.Entry<String, Model<Label>> model : models.entrySet()) {
                byte[] proto = model.getValue().serialize().toByteArray();
                out.writeUTF(model.getKey());
                out.writeInt(proto.length);
                out.write(proto);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    public static TextClassifier fromBytes(byte[] stored) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            TaskShape shape = TaskShape.valueOf(in.readUTF());
            Map<String, Double> constants = new TreeMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                constants.put(in.readUTF(), in.readDouble());
            }
            Map<String, Model<Label>> models = new LinkedHashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                String key = in.readUTF();
                byte[] proto = in.readNBytes(in.readInt());
                models.put(key, (Model<Label>) Model.deserialize(ModelProto.parseFrom(proto)));
            }
            return new TextClassifier(shape, models, constants);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored model could not be read", e);
        }
    }

    private static Model<Label> fit(List<Map<String, Double>> features, List<String> outputs) {
        MutableDataset<Label> dataset = new MutableDataset<>(new SimpleDataSourceProvenance("gold labels", LABELS), LABELS);
        List<Example<Label>> examples = new ArrayList<>(features.size());
        for (int i = 0; i < features.size(); i++) {
            examples.add(example(new Label(outputs.get(i)), features.get(i)));
        }
        dataset.addAll(examples);
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(LEARNING_RATE), EPOCHS, SEED);
        return trainer.train(dataset);
    }

    private static Example<Label> example(Label output, Map<String, Double> features) {
        String[] names = new String[features.size() + 1];
        double[] values = new double[features.size() + 1];
        names[0] = ALWAYS;
        values[0] = 1.0;
        int i = 1;
        for (Map.Entry<String, Double> feature : features.entrySet()) {
            names[i] = feature.getKey();
            values[i++] = feature.getValue();
        }
        return new ArrayExample<>(output, names, values);
    }
}
