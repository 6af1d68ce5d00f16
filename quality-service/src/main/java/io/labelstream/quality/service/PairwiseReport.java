package io.labelstream.quality.service;

import io.labelstream.quality.domain.agreement.PairwiseKappa;

import java.util.List;

/**
 * Cohen's kappa between every two annotators of a project with at least {@code minCommonItems} items in common.
 *
 * @param items          items labelled by at least two annotators, which the pairs were computed over
 * @param labels         the labels of those items
 * @param weighting      the weighted kappa's weightings (RATING projects), else empty
 * @param meanCohenKappa mean of the listed pairs' Cohen's kappa; null when no pair has a defined one
 */
public record PairwiseReport(int minCommonItems, long items, long labels, int annotators, List<String> weighting,
                             Double meanCohenKappa, List<PairwiseKappa.Pair> pairs) {
}
