package io.labelstream.adjudication.domain;

/** Why an item is in the review queue. */
public enum ReviewReason {
    /** quality found the annotators in disagreement */
    DISPUTED,
    /** resolved, but with a consensus confidence under the project's bar */
    LOW_CONFIDENCE,
    /** resolved confidently, sampled for a check of the consensus */
    SPOT_CHECK,
    /** already gold decided by a model, sampled for a check of that decision */
    MODEL_SPOT_CHECK,
    /** already gold by consensus, and a later assessment no longer supports it confidently */
    GOLD_CHALLENGED,
    /** the project was not known yet, so no confidence bar applied */
    PROJECT_UNKNOWN,
    /** not queued: a reviewer corrected or removed a gold label directly */
    CORRECTION
}
