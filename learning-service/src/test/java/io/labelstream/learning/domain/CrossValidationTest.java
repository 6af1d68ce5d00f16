package io.labelstream.learning.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CrossValidationTest {

    @Test
    void macroF1IsTheMeanOfPerLabelF1() {
        // a: TP 1, FP 1, FN 0 -> 2/3; b: TP 1, FP 0, FN 1 -> 2/3
        List<Set<String>> truth = List.of(Set.of("a"), Set.of("b"), Set.of("b"));
        List<Set<String>> predicted = List.of(Set.of("a"), Set.of("b"), Set.of("a"));
        assertThat(CrossValidation.macroF1(TaskShape.SINGLE_LABEL, List.of("a", "b"), truth, predicted))
                .isCloseTo(2.0 / 3, within(1e-9));
        assertThat(CrossValidation.accuracy(truth, predicted)).isCloseTo(2.0 / 3, within(1e-9));
    }

    @Test
    void separableTextsScoreHighOnFiveFolds() {
        ModelMetrics metrics = CrossValidation.evaluate(TaskShape.SINGLE_LABEL, List.of("spam", "ham"),
                TextClassifierTest.spamAndHam(), CrossValidation.DEFAULT_FOLDS);
        assertThat(metrics.folds()).isEqualTo(5);
        assertThat(metrics.accuracy()).isGreaterThanOrEqualTo(0.75);
        assertThat(metrics.macroF1()).isGreaterThanOrEqualTo(0.7);
    }

    @Test
    void fewerExamplesThanFoldsUseOneFoldPerExample() {
        ModelMetrics metrics = CrossValidation.evaluate(TaskShape.SINGLE_LABEL, List.of("spam", "ham"),
                TextClassifierTest.spamAndHam().subList(4, 7), 5);
        assertThat(metrics.folds()).isEqualTo(3);
        assertThat(CrossValidation.evaluate(TaskShape.SINGLE_LABEL, List.of("a"),
                List.of(new LabeledText("x", Set.of("a"))), 5).folds()).isZero();
    }

    /**
     * The folds, models and metrics are exactly those of the implementation that computed each example's
     * features anew for every model and prediction: computing them once changes no figure. The expected values
     * were printed by that implementation on this set.
     */
    @Test
    void featuresComputedOnceGiveExactlyTheFiguresOfFeaturesComputedPerModel() {
        List<String> labels = List.of("ham", "spam", "other");
        List<LabeledText> examples = new ArrayList<>();
        String[] words = {"win", "prize", "call", "now", "free", "meeting", "lunch", "tomorrow", "report", "cash",
                "hello", "mum", "txt", "claim", "urgent"};
        Random random = new Random(7);
        for (int i = 0; i < 60; i++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 6; w++) {
                text.append(words[random.nextInt(words.length)]).append(' ');
            }
            String label = labels.get(i % 3);
            text.append(label.equals("spam") ? "prize" : label.equals("ham") ? "lunch" : "report");
            examples.add(new LabeledText(text.toString(), Set.of(label)));
        }

        ModelMetrics metrics = CrossValidation.evaluate(TaskShape.SINGLE_LABEL, labels, examples, 5);
        TextClassifier model = TextClassifier.train(TaskShape.SINGLE_LABEL, labels, examples,
                TextClassifier.features(examples));

        assertThat(metrics.macroF1()).isEqualTo(0.6000565024955269);
        assertThat(metrics.accuracy()).isEqualTo(0.6);
        assertThat(model.predict("free prize now").distribution()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "ham", 0.04180123408748858, "other", 0.06641604072307937, "spam", 0.8917827251894321));
    }
}
