package io.labelstream.adjudication.domain;

/** What adjudication already holds for an item when a new assessment arrives. */
public enum ItemStanding {
    /** nothing yet */
    NEW,
    /** waiting in the review queue */
    QUEUED,
    /** sent back by a reviewer for more labels */
    RETURNED,
    /** gold, decided by consensus or by a model: a confident consensus of people may replace it */
    CONSENSUS_GOLD,
    /** decided, corrected or invalidated by a reviewer */
    REVIEWER_DECIDED
}
