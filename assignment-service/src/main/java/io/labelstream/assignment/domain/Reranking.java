package io.labelstream.assignment.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One item's predictions of a batch, applied in their order: the item ends with the last one's uncertainty and
 * rank, as if each had been applied on its own. Each step that moved the item earlier than the step before is
 * kept, because applied on its own it would have counted as a reopening of the pool at that rank (a claim
 * cursor may have passed the item's new place).
 */
public final class Reranking {

    private final UUID itemId;
    private final List<Instant> movedEarlierTo = new ArrayList<>();
    private Instant rankAt;
    private Double uncertainty;

    /** @param rankBefore the item's rank before the batch */
    public Reranking(UUID itemId, Instant rankBefore) {
        this.itemId = itemId;
        this.rankAt = rankBefore;
    }

    public void apply(Double uncertainty, Instant rankAt) {
        if (rankAt.isBefore(this.rankAt)) {
            movedEarlierTo.add(rankAt);
        }
        this.uncertainty = uncertainty;
        this.rankAt = rankAt;
    }

    public UUID itemId() {
        return itemId;
    }

    public Double uncertainty() {
        return uncertainty;
    }

    public Instant rankAt() {
        return rankAt;
    }

    /** The ranks the steps that moved the item earlier moved it to, in their order. */
    public List<Instant> movedEarlierTo() {
        return List.copyOf(movedEarlierTo);
    }
}
