package io.labelstream.learning.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
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
