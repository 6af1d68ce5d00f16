package io.labelstream.adjudication.domain;

import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SpotCheckSamplerTest {

    @Test
    void sameItemIsAlwaysDecidedTheSameWay() {
        UUID item = UUID.randomUUID();
        boolean first = SpotCheckSampler.sampled(item, 0.5);
        assertThat(IntStream.range(0, 20).mapToObj(i -> SpotCheckSampler.sampled(item, 0.5))).containsOnly(first);
    }

    @Test
    void sampledShareMatchesTheRate() {
        long sampled = IntStream.range(0, 20_000)
                .filter(i -> SpotCheckSampler.sampled(new UUID(i * 7919L, i), 0.05)).count();
        assertThat(sampled / 20_000.0).isCloseTo(0.05, within(0.01));
    }

    @Test
    void boundsAreExact() {
        UUID item = UUID.randomUUID();
        assertThat(SpotCheckSampler.sampled(item, 0)).isFalse();
        assertThat(SpotCheckSampler.sampled(item, 1)).isTrue();
        assertThat(SpotCheckSampler.position(item)).isBetween(0.0, 1.0).isLessThan(1.0);
    }

    @Test
    void higherRateSamplesASupersetOfALowerOne() {
        IntStream.range(0, 1000).mapToObj(i -> UUID.randomUUID())
                .filter(item -> SpotCheckSampler.sampled(item, 0.1))
                .forEach(item -> assertThat(SpotCheckSampler.sampled(item, 0.3)).isTrue());
    }
}
