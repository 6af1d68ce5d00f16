package io.labelstream.learning.domain;

import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A linear text classifier: logistic regression ({@link LogMulticlass}, softmax over the labels) trained by
 * Tribuo's SGD with AdaGrad on {@link TextFeatures}. A single-label project has one multiclass model; a
 * multi-label project one binary model per label (one-vs-rest), each saying whether its label applies. A trained
 * model is kept, used and stored as its weights ({@link LinearModel}).
 */
public final class TextClassifier {

    /** The first thing stored models write; models stored before it begin with their shape and hold Tribuo's. */
    private static final String FORMAT = "labelstream-linear-weights";
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
    private final Map<String, LinearModel> models;
    // a label of a multi-label project that was always present or always absent: its constant probability
    private final Map<String, Double> constants;

    private TextClassifier(TaskShape shape, Map<String, LinearModel> models, Map<String, Double> constants) {
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
        Map<String, LinearModel> models = new LinkedHashMap<>();
        Map<String, Double> constants = new TreeMap<>();
        if (shape == TaskShape.SINGLE_LABEL) {
            List<String> outputs = examples.stream().map(e -> e.labels().iterator().next()).toList();
            if (new HashSet<>(outputs).size() < 2) {
                constants.put(outputs.get(0), 1.0);
            } else {
                models.put("", weightsOf(fit(features, outputs)));
            }
        } else {
            for (String label : labelSet) {
                List<String> outputs = examples.stream().map(e -> e.labels().contains(label) ? PRESENT : ABSENT).toList();
                long present = outputs.stream().filter(PRESENT::equals).count();
                if (present == 0 || present == outputs.size()) {
                    constants.put(label, present == 0 ? 0.0 : 1.0);
                } else {
                    models.put(label, weightsOf(fit(features, outputs)));
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
        Map<String, Double> known = withAlways(features);
        Map<String, Double> distribution = new TreeMap<>(constants);
        if (shape == TaskShape.SINGLE_LABEL) {
            if (!models.isEmpty()) {
                distribution.putAll(models.get("").predict(known));
            }
            String best = distribution.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            return new Prediction(distribution, Set.of(best));
        }
        Set<String> chosen = new HashSet<>();
        models.forEach((label, model) -> distribution.put(label, model.predict(known).getOrDefault(PRESENT, 0.0)));
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

    /** The model as bytes, for storage: the shape, the constants and each model's weights. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(FORMAT);
            out.writeUTF(shape.name());
            out.writeInt(constants.size());
            for (Map.Entry<String, Double> constant : constants.entrySet()) {
                out.writeUTF(constant.getKey());
                out.writeDouble(constant.getValue());
            }
            out.writeInt(models.size());
            for (Map.Entry<String, LinearModel> model : models.entrySet()) {
                out.writeUTF(model.getKey());
                model.getValue().write(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A model stored by {@link #toBytes()}, or by the versions before it, which stored Tribuo's protobuf. */
    public static TextClassifier fromBytes(byte[] stored) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            String first = in.readUTF();
            boolean weights = FORMAT.equals(first);
            TaskShape shape = TaskShape.valueOf(weights ? in.readUTF() : first);
            Map<String, Double> constants = new TreeMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                constants.put(in.readUTF(), in.readDouble());
            }
            Map<String, LinearModel> models = new LinkedHashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                String key = in.readUTF();
                models.put(key, weights ? LinearModel.read(in) : fromTribuo(in.readNBytes(in.readInt())));
            }
            return new TextClassifier(shape, models, constants);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored model could not be read", e);
        }
    }

    private static LinearModel fromTribuo(byte[] proto) throws IOException {
        return weightsOf((LinearSGDModel) Model.deserialize(ModelProto.parseFrom(proto)));
    }

    /** The weights of a trained Tribuo model, rows in its label order and columns in its feature order. */
    static LinearModel weightsOf(LinearSGDModel model) {
        ImmutableFeatureMap featureMap = model.getFeatureIDMap();
        List<String> features = new ArrayList<>(featureMap.size());
        for (int id = 0; id < featureMap.size(); id++) {
            features.add(featureMap.get(id).getName());
        }
        List<String> outputs = new ArrayList<>();
        for (int id = 0; id < model.getOutputIDInfo().size(); id++) {
            outputs.add(model.getOutputIDInfo().getOutput(id).getLabel());
        }
        DenseMatrix matrix = model.getWeightsCopy();
        double[][] weights = new double[matrix.getDimension1Size()][matrix.getDimension2Size()];
        for (int i = 0; i < weights.length; i++) {
            for (int j = 0; j < weights[i].length; j++) {
                weights[i][j] = matrix.get(i, j);
            }
        }
        return new LinearModel(outputs, features, weights);
    }

    /**
     * One Tribuo model as {@link #train} fits it, one output per example; public for the bench that compares storing
     * its weights with storing Tribuo's protobuf of it.
     */
    public static LinearSGDModel fit(List<Map<String, Double>> features, List<String> outputs) {
        MutableDataset<Label> dataset = new MutableDataset<>(new SimpleDataSourceProvenance("gold labels", LABELS), LABELS);
        List<Example<Label>> examples = new ArrayList<>(features.size());
        for (int i = 0; i < features.size(); i++) {
            examples.add(example(new Label(outputs.get(i)), features.get(i)));
        }
        dataset.addAll(examples);
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(LEARNING_RATE), EPOCHS, SEED);
        return (LinearSGDModel) trainer.train(dataset);
    }

    /** A text's features and the one every text has. */
    private static Map<String, Double> withAlways(Map<String, Double> features) {
        Map<String, Double> known = new HashMap<>(features.size() * 2 + 2);
        known.putAll(features);
        known.put(ALWAYS, 1.0);
        return known;
    }

    static Example<Label> example(Label output, Map<String, Double> features) {
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
