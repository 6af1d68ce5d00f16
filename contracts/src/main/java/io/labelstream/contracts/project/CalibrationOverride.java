package io.labelstream.contracts.project;

import java.time.Instant;

/**
 * A manager's decision to move a project from PILOT to ACTIVE without a passed calibration.
 *
 * @param guidelineVersion the guideline version the pilot was judged under when the override was given
 * @param measuredKappa    the pilot's mean pairwise Cohen's kappa at that moment; null when none was measured
 * @param targetKappa      the project's calibrationTargetKappa at that moment
 */
public record CalibrationOverride(String reason, String by, Instant at, int guidelineVersion, Double measuredKappa,
                                  double targetKappa) {
}
