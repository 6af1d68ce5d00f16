package io.labelstream.quality.service;

import java.util.List;

/**
 * A project's chance-corrected agreement over its regular items' counted categorical labels.
 *
 * @param alpha        Krippendorff's alpha, nominal, over every item with at least two labels (null if undefined)
 * @param alphaOrdinal Krippendorff's alpha on the ordinal scale of a RATING project (else null)
 * @param fleissKappa  Fleiss' kappa over the first k labels of every item with at least k (null if undefined)
 * @param perLabel     Fleiss' per-category kappa, label by label
 */
public record AgreementReport(
        long annotationCount,
        long itemCount,
        Double alpha,
        Double alphaOrdinal,
        Double fleissKappa,
        List<LabelAgreementValue> perLabel,
        List<ConfusedPair> confusedPairs) {

    public record LabelAgreementValue(String label, Double kappa, double share) {
    }

    public record ConfusedPair(String first, String second, long count, double shareOfDisagreements) {
    }
}
