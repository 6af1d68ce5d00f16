package io.labelstream.adjudication.domain;

/** Where a review item stands. */
public enum ReviewState {
    /** waiting for a reviewer (possibly leased right now) */
    PENDING,
    /** a reviewer decided the gold label */
    DECIDED,
    /** a reviewer asked for more labels; the next assessment routes it again */
    RETURNED,
    /** a reviewer took the item out of the dataset */
    INVALID
}
