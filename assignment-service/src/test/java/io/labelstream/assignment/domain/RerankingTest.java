package io.labelstream.assignment.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RerankingTest {

    private static final Instant ARRIVED = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void theLastPredictionSetsTheRankAndUncertainty() {
        Reranking item = new Reranking(UUID.randomUUID(), ARRIVED);

        item.apply(0.9, ARRIVED.minusSeconds(900));
        item.apply(0.1, ARRIVED.minusSeconds(100));

        assertThat(item.rankAt()).isEqualTo(ARRIVED.minusSeconds(100));
        assertThat(item.uncertainty()).isEqualTo(0.1);
    }

    @Test
    void everyStepEarlierThanTheOneBeforeIsAReopeningAsItWouldBeAlone() {
        Reranking item = new Reranking(UUID.randomUUID(), ARRIVED);

        item.apply(0.5, ARRIVED.minusSeconds(500));
        item.apply(0.2, ARRIVED.minusSeconds(200));
        item.apply(0.8, ARRIVED.minusSeconds(800));
        item.apply(0.8, ARRIVED.minusSeconds(800));

        assertThat(item.movedEarlierTo()).containsExactly(ARRIVED.minusSeconds(500), ARRIVED.minusSeconds(800));
    }

    @Test
    void aPredictionThatKeepsOrDelaysTheRankReopensNothing() {
        Reranking item = new Reranking(UUID.randomUUID(), ARRIVED.minusSeconds(300));

        item.apply(null, ARRIVED);

        assertThat(item.movedEarlierTo()).isEmpty();
        assertThat(item.rankAt()).isEqualTo(ARRIVED);
        assertThat(item.uncertainty()).isNull();
    }
}
