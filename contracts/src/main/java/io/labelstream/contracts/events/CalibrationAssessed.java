package io.labelstream.contracts.events;

import io.labelstream.contracts.EventPayload;

import java.time.Instant;
import java.util.UUID;

/**
 * Quality's verdict on a project's pilot under its current guideline version, on the compacted
 * {@code labeling.project-quality} topic keyed by project id: the latest record is the verdict that holds.
 *
 * @param pilotItems     pilot items labelled by every pilot annotator under this guideline version
 * @param labels         the labels those items carry
 * @param meanCohenKappa mean of the pilot annotators' pairwise Cohen's kappa over those items; null while undefined
 * @param targetKappa    the project's calibrationTargetKappa the verdict was judged against
 * @param minItems       the project's calibrationMinItems
 */
public record CalibrationAssessed(
        UUID projectId,
        int guidelineVersion,
        CalibrationState state,
        int pilotItems,
        long labels,
        int pilotAnnotators,
        Double meanCohenKappa,
        double targetKappa,
        int minItems,
        Instant assessedAt) implements EventPayload {

    @Override
    public String key() {
        return projectId.toString();
    }
}
