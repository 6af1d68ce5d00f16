package io.labelstream.assignment.domain;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class UncertaintyMeasureTest {

    @Test
    void entropyIsOneForAUniformDistributionAndZeroForACertainOne() {
        assertThat(UncertaintyMeasure.ENTROPY.of(Map.of("a", 0.25, "b", 0.25, "c", 0.25, "d", 0.25)))
                .isCloseTo(1.0, within(1e-9));
        assertThat(UncertaintyMeasure.ENTROPY.of(Map.of("a", 1.0, "b", 0.0))).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void entropyOfAWorkedExample() {
        // H(0.9, 0.1) = 0.4690 bits; normalised by log2(2) = 1
        assertThat(UncertaintyMeasure.ENTROPY.of(Map.of("a", 0.9, "b", 0.1))).isCloseTo(0.46900, within(1e-4));
    }

    @Test
    void marginIsOneMinusTheGapOfTheTwoMostLikelyLabels() {
        assertThat(UncertaintyMeasure.MARGIN.of(Map.of("a", 0.5, "b", 0.3, "c", 0.2))).isCloseTo(0.8, within(1e-9));
        assertThat(UncertaintyMeasure.MARGIN.of(Map.of("a", 0.5, "b", 0.5))).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void unnormalisedScoresAreNormalisedFirst() {
        assertThat(UncertaintyMeasure.MARGIN.of(Map.of("a", 5.0, "b", 3.0, "c", 2.0))).isCloseTo(0.8, within(1e-9));
    }

    @Test
    void noDistributionMeansNoUncertaintyKnown() {
        assertThat(UncertaintyMeasure.ENTROPY.of(Map.of())).isNull();
        assertThat(UncertaintyMeasure.ENTROPY.of(null)).isNull();
        assertThat(UncertaintyMeasure.MARGIN.of(Map.of("a", 0.0, "b", 0.0))).isNull();
        assertThat(UncertaintyMeasure.MARGIN.of(Map.of("a", 0.7))).isEqualTo(0.0);
    }
}
