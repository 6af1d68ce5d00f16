package io.labelstream.assignment.domain;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class GoldInjectionTest {

    @Test
    void noGoldAtRateZeroAndOnlyGoldAtRateOne() {
        assertThat(GoldInjection.serveGold(10, 0, 0.0, 0.0)).isFalse();
        assertThat(GoldInjection.serveGold(10, 10, 1.0, 0.99)).isTrue();
    }

    @Test
    void theDrawDecidesWithinTheBand() {
        assertThat(GoldInjection.serveGold(9, 1, 0.1, 0.05)).isTrue();
        assertThat(GoldInjection.serveGold(9, 1, 0.1, 0.5)).isFalse();
    }

    @Test
    void goldIsForcedWhenTheShareFellBehindAndWithheldWhenAhead() {
        assertThat(GoldInjection.serveGold(49, 2, 0.1, 0.99)).isTrue();
        assertThat(GoldInjection.serveGold(19, 5, 0.1, 0.0)).isFalse();
    }

    @Test
    void theRealisedShareStaysWithinOneItemOfTheRate() {
        Random random = new Random(42);
        int gold = 0;
        for (int served = 0; served < 1000; served++) {
            if (GoldInjection.serveGold(served, gold, 0.15, random.nextDouble())) {
                gold++;
            }
            assertThat((double) gold).isBetween(0.15 * (served + 1) - 2, 0.15 * (served + 1) + 2);
        }
    }
}
