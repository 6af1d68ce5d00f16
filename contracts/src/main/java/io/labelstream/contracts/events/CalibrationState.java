package io.labelstream.contracts.events;

/** The pilot's verdict under one guideline version. */
public enum CalibrationState {
    /** Fewer than calibrationMinItems pilot items carry a label of every pilot annotator. */
    PENDING,
    /** The mean pairwise Cohen's kappa reached calibrationTargetKappa. */
    PASSED,
    /** Enough pilot items, and the mean pairwise Cohen's kappa stayed below calibrationTargetKappa. */
    FAILED
}
