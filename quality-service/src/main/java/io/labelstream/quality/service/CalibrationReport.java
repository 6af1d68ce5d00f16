package io.labelstream.quality.service;

import io.labelstream.contracts.events.CalibrationState;
import io.labelstream.quality.domain.agreement.PairwiseKappa;

import java.util.List;

/**
 * The pilot under the project's current guideline version, and the verdict of every version labels were given under.
 * Every figure is computed over the pilot items that carry a label of every pilot annotator under the version
 * ({@code pilotItems}, with {@code labels} labels), so all annotators are compared on the same items.
 *
 * @param pilotAnnotators        the project's members marked as pilot annotators; without any, whoever labelled
 *                               pilot items under the version
 * @param labelledPilotItems     pilot items with at least one label under the version
 * @param alphaInterval          Krippendorff's alpha on the interval scale of a RATING project (else null)
 * @param meanCohenKappa         mean of the pairs' Cohen's kappa: what the verdict is judged on
 * @param annotatorsBelowTarget  pilot annotators whose mean kappa with the others is below the target
 */
public record CalibrationReport(
        int guidelineVersion,
        CalibrationState state,
        double targetKappa,
        int minItems,
        List<String> pilotAnnotators,
        int labelledPilotItems,
        int pilotItems,
        long labels,
        Double fleissKappa,
        Double alpha,
        Double alphaInterval,
        Double meanCohenKappa,
        List<PairwiseKappa.Pair> pairs,
        List<AgreementReport.LabelAgreementValue> perLabel,
        List<AgreementReport.ConfusedPair> confusedPairs,
        List<AnnotatorCalibration> annotators,
        List<String> annotatorsBelowTarget,
        List<VersionVerdict> byGuidelineVersion) {

    /**
     * One pilot annotator under the current version.
     *
     * @param meanKappa         mean Cohen's kappa with each other pilot annotator
     * @param referenceItems    pilot items with a reference answer the annotator labelled
     * @param referenceAccuracy mean agreement with those answers; null without any
     */
    public record AnnotatorCalibration(String annotatorId, long labels, Double meanKappa, int referenceItems,
                                       Double referenceAccuracy) {
    }

    /** The pilot's verdict under one guideline version. */
    public record VersionVerdict(int guidelineVersion, int pilotItems, long labels, Double meanCohenKappa,
                                 CalibrationState state) {
    }
}
