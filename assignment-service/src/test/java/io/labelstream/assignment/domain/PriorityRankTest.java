package io.labelstream.assignment.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PriorityRankTest {

    private static final Instant T = Instant.parse("2026-01-01T12:00:00Z");
    private static final Duration BOOST = Duration.ofHours(24);

    @Test
    void anItemWithoutPredictionRanksByItsAge() {
        assertThat(PriorityRank.rankAt(T, null, 1.0, BOOST)).isEqualTo(T);
        assertThat(PriorityRank.rankAt(T, 0.0, 1.0, BOOST)).isEqualTo(T);
    }

    @Test
    void uncertaintyMovesAnItemAheadByItsShareOfTheBoost() {
        assertThat(PriorityRank.rankAt(T, 0.5, 1.0, BOOST)).isEqualTo(T.minus(Duration.ofHours(12)));
        assertThat(PriorityRank.rankAt(T, 1.0, 1.0, BOOST)).isEqualTo(T.minus(BOOST));
    }

    @Test
    void projectWeightScalesTheBoost() {
        assertThat(PriorityRank.rankAt(T, 0.5, 2.0, BOOST)).isEqualTo(T.minus(BOOST));
        assertThat(PriorityRank.rankAt(T, 0.5, 0.0, BOOST)).isEqualTo(T);
    }

    @Test
    void aCertainOldItemIsNotStarvedByUncertainItemsArrivingMuchLater() {
        Instant old = T;
        Instant muchLater = T.plus(BOOST).plusSeconds(1);
        assertThat(PriorityRank.rankAt(old, 0.0, 1.0, BOOST))
                .isBefore(PriorityRank.rankAt(muchLater, 1.0, 1.0, BOOST));
    }
}
