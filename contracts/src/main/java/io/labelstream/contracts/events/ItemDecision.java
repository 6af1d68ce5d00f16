package io.labelstream.contracts.events;

/** Quality's verdict on an item after its latest label. */
public enum ItemDecision {
    RESOLVED, NEEDS_MORE_LABELS, DISPUTED
}
