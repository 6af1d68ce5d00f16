package io.labelstream.contracts.events;

/** How a gold label was decided: by the annotators' consensus, by a reviewer, or by a model pre-labelling it. */
public enum DecidedBy {
    CONSENSUS, REVIEWER, MODEL
}
