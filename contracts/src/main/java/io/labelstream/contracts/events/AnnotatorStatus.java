package io.labelstream.contracts.events;

/** Where an annotator stands in a project. */
public enum AnnotatorStatus {
    /** still answering qualification items */
    QUALIFYING,
    /** passed qualification; receives regular work */
    QUALIFIED,
    /** receives regular work in a project without qualification */
    ACTIVE,
    /** failed qualification or fell under the quarantine bar; receives nothing, labels stop counting */
    QUARANTINED
}
