package io.labelstream.quality.service;

import java.util.List;

/**
 * A project's chance-corrected agreement over its regular items' counted categorical labels.
 *
 * @param alpha               Krippendorff's alpha, nominal, over every item with at least two labels (null if undefined)
 * @param alphaOrdinal        Krippendorff's alpha on the ordinal scale of a RATING project (else null)
 * @param alphaInterval       Krippendorff's alpha on the interval scale of a RATING project (else null)
 * @param alphaCoverage       the items and labels every alpha was computed over
 * @param fleissKappa         Fleiss' kappa over the first k labels of every item with at least k (null if undefined)
 * @param fleissKappaCoverage the items and labels Fleiss' kappa and the per-label kappa were computed over
 * @param perLabel            Fleiss' per-category kappa, label by label
 */
public record AgreementReport(
        long annotationCount,
        long itemCount,
        Double alpha,
        Double alphaOrdinal,
        Double alphaInterval,
        Coverage alphaCoverage,
        Double fleissKappa,
        Coverage fleissKappaCoverage,
        List<LabelAgreementValue> perLabel,
        List<ConfusedPair> confusedPairs) {

    /** How many items and labels a figure was computed over: a kappa over a handful of items shows as such. */
    public record Coverage(long items, long labels) {
    }

    public record LabelAgreementValue(String label, Double kappa, double share) {
    }

    public record ConfusedPair(String first, String second, long count, double shareOfDisagreements) {
    }
}
