package io.labelstream.quality.domain.policy;

import io.labelstream.contracts.events.CalibrationState;

/**
 * Whether a pilot has shown that annotators apply the guidelines alike: PENDING until {@code minItems} pilot items
 * carry a label of every pilot annotator, then PASSED when the mean pairwise Cohen's kappa reaches the target.
 * A target of 0 is no gate: any measured pilot passes. An undefined kappa (every pilot annotator always gave one and
 * the same category) shows no agreement beyond chance and fails.
 */
public final class CalibrationRule {

    private CalibrationRule() {
    }

    public static CalibrationState judge(int completeItems, int pilotAnnotators, Double meanKappa, double targetKappa,
                                         int minItems) {
        if (pilotAnnotators < 2 || completeItems < Math.max(1, minItems)) {
            return CalibrationState.PENDING;
        }
        if (targetKappa <= 0) {
            return CalibrationState.PASSED;
        }
        return meanKappa != null && meanKappa >= targetKappa ? CalibrationState.PASSED : CalibrationState.FAILED;
    }
}
