package io.labelstream.contracts.events;

/** How a gold label was decided. */
public enum DecidedBy {
    CONSENSUS, REVIEWER
}
