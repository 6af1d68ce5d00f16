package io.labelstream.learning.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
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
}
