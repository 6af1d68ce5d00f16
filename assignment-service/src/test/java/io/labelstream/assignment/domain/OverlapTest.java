package io.labelstream.assignment.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OverlapTest {

    @Test
    void requiredIsKPlusExtraUpToTheCap() {
        assertThat(Overlap.required(3, 0, 5)).isEqualTo(3);
        assertThat(Overlap.required(3, 1, 5)).isEqualTo(4);
        assertThat(Overlap.required(3, 4, 5)).isEqualTo(5);
    }

    @Test
    void aCapBelowKNeverLowersK() {
        assertThat(Overlap.required(3, 2, 1)).isEqualTo(3);
        assertThat(Overlap.raised(3, 0, 1)).isZero();
    }

    @Test
    void raisingStopsAtTheCap() {
        assertThat(Overlap.raised(3, 0, 5)).isEqualTo(1);
        assertThat(Overlap.raised(3, 1, 5)).isEqualTo(2);
        assertThat(Overlap.raised(3, 2, 5)).isEqualTo(2);
    }
}
