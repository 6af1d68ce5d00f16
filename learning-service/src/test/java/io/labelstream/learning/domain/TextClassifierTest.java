package io.labelstream.learning.domain;

import org.junit.jupiter.api.Test;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TextClassifierTest {

    static List<LabeledText> spamAndHam() {
        List<LabeledText> examples = new ArrayList<>();
        String[] spam = {"win a free prize now", "free entry call now to claim", "claim your cash prize txt win",
                "urgent you won a free holiday call", "txt to win free tickets now", "cash prize waiting claim now"};
        String[] ham = {"see you at lunch tomorrow", "are we still meeting tonight", "i will call you later ok",
                "thanks for dinner it was lovely", "running late be there soon", "can you pick up milk on the way"};
        for (String s : spam) {
            examples.add(new LabeledText(s, Set.of("spam")));
        }
        for (String h : ham) {
            examples.add(new LabeledText(h, Set.of("ham")));
        }
        return examples;
    }

    @Test
    void singleLabelModelSeparatesWhatItLearned() {
        TextClassifier model = TextClassifier.train(TaskShape.SINGLE_LABEL, List.of("spam", "ham"), spamAndHam());
        TextClassifier.Prediction spam = model.predict("claim a free prize now");
        TextClassifier.Prediction ham = model.predict("see you at dinner later");
        assertThat(spam.labels()).containsExactly("spam");
        assertThat(ham.labels()).containsExactly("ham");
        assertThat(spam.distribution().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-6));
        assertThat(spam.uncertainty(TaskShape.SINGLE_LABEL)).isBetween(0.0, 1.0);
    }

    @Test
    void aStoredModelPredictsAsTheOriginal() {
        TextClassifier model = TextClassifier.train(TaskShape.SINGLE_LABEL, List.of("spam", "ham"), spamAndHam());
        TextClassifier restored = TextClassifier.fromBytes(model.toBytes());
        assertThat(restored.predict("free cash now").distribution())
                .isEqualTo(model.predict("free cash now").distribution());
    }

    @Test
    void theWeightsPredictExactlyAsTheTribuoModelTheyCameFrom() {
        List<LabeledText> examples = spamAndHam();
        List<Map<String, Double>> features = TextClassifier.features(examples);
        LinearSGDModel tribuo = TextClassifier.fit(features,
                examples.stream().map(e -> e.labels().iterator().next()).toList());
        LinearModel weights = TextClassifier.weightsOf(tribuo);
        for (String text : List.of("claim a free prize now", "see you at dinner later", "free cash", "zzqx",
                "running late call you", "")) {
            Map<String, Double> known = new LinkedHashMap<>(TextFeatures.of(text));
            Map<String, Double> expected = new LinkedHashMap<>();
            tribuo.predict(TextClassifier.example(LabelFactory.UNKNOWN_LABEL, known)).getOutputScores()
                    .forEach((name, label) -> expected.put(name, label.getScore()));
            known.put(TextClassifier.ALWAYS, 1.0);
            assertThat(weights.predict(known)).as(text).isEqualTo(expected);
        }
    }

    @Test
    void aModelStoredAsTribuoProtobufStillLoadsAndPredictsTheSame() throws IOException {
        List<LabeledText> examples = spamAndHam();
        LinearSGDModel tribuo = TextClassifier.fit(TextClassifier.features(examples),
                examples.stream().map(e -> e.labels().iterator().next()).toList());
        // the layout models were stored in before they were stored as weights
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(TaskShape.SINGLE_LABEL.name());
            out.writeInt(0);
            out.writeInt(1);
            byte[] proto = tribuo.serialize().toByteArray();
            out.writeUTF("");
            out.writeInt(proto.length);
            out.write(proto);
        }
        TextClassifier stored = TextClassifier.fromBytes(bytes.toByteArray());
        TextClassifier trained = TextClassifier.train(TaskShape.SINGLE_LABEL, List.of("spam", "ham"), examples);
        for (String text : List.of("claim a free prize now", "see you at dinner later")) {
            assertThat(stored.predict(text)).isEqualTo(trained.predict(text));
        }
    }

    @Test
    void multiLabelModelDecidesEachLabel() {
        List<LabeledText> examples = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            examples.add(new LabeledText("goal scored in the match " + i, Set.of("sport")));
            examples.add(new LabeledText("election vote in parliament " + i, Set.of("politics")));
            examples.add(new LabeledText("minister attends the match final " + i, Set.of("sport", "politics")));
        }
        TextClassifier model = TextClassifier.train(TaskShape.MULTI_LABEL, List.of("sport", "politics", "weather"), examples);
        TextClassifier.Prediction prediction = model.predict("the minister at the match final");
        assertThat(prediction.labels()).contains("sport");
        assertThat(prediction.distribution()).containsKeys("sport", "politics", "weather");
        assertThat(prediction.distribution().get("weather")).isZero();
        assertThat(TextClassifier.fromBytes(model.toBytes()).predict("goal").distribution())
                .isEqualTo(model.predict("goal").distribution());
    }

    @Test
    void oneLabelSeenSoFarIsPredictedWithCertainty() {
        TextClassifier model = TextClassifier.train(TaskShape.SINGLE_LABEL, List.of("spam", "ham"),
                List.of(new LabeledText("hello", Set.of("ham"))));
        assertThat(model.predict("anything").labels()).containsExactly("ham");
        assertThat(model.predict("anything").uncertainty(TaskShape.SINGLE_LABEL)).isZero();
    }

    @Test
    void aTextWithoutKnownFeaturesStillGetsAPrediction() {
        TextClassifier model = TextClassifier.train(TaskShape.SINGLE_LABEL, List.of("spam", "ham"), spamAndHam());
        assertThat(model.predict(":-) !!").labels()).hasSize(1);
        assertThat(model.predict("zzqx").labels()).hasSize(1);
        assertThat(model.predict(null).distribution()).containsKeys("spam", "ham");
    }

    @Test
    void leastConfidenceIsScaledToTheLabelCount() {
        var even = new TextClassifier.Prediction(java.util.Map.of("a", 0.5, "b", 0.5), Set.of("a"));
        var sure = new TextClassifier.Prediction(java.util.Map.of("a", 1.0, "b", 0.0), Set.of("a"));
        assertThat(even.uncertainty(TaskShape.SINGLE_LABEL)).isCloseTo(1.0, within(1e-9));
        assertThat(sure.uncertainty(TaskShape.SINGLE_LABEL)).isZero();
    }
}
