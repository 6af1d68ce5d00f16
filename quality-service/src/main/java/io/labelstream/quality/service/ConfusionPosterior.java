package io.labelstream.quality.service;

import io.labelstream.quality.domain.inference.CrowdPrior;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Dawid–Skene E-step for a single item (Dawid and Skene 1979): P(z = c) proportional to
 * P(c) * prod over the item's answers of pi_w[c][l_w].
 * <ul>
 *   <li>The annotators' confusion rows pi_w[c] come from their soft counts n_w[c][l]: the posterior mass of
 *       true class c that earlier assessments credited to w's answers l, smoothed by a Dirichlet prior.</li>
 *   <li>Once the project's crowd model has been fitted ({@link CrowdPrior}), the prior is centred on the crowd:
 *       pseudo-counts m_c g[c][l], so an annotator with few answers is judged like the crowd until their own
 *       answers say otherwise; and P(c) is the fitted class prior.</li>
 *   <li>Before that (or for a category the fit has not seen), the pseudo-counts are fixed ({@code diagonalPrior}
 *       on the diagonal, {@code offDiagonalPrior} elsewhere), and P(c) is (sum_w n_w[c] + 1) over the item's
 *       annotators, normalised: the share of class c among the items these annotators have labelled. Without a
 *       class prior, a set where one class is rare (12% of product-matching's items are matches) loses to
 *       majority vote.</li>
 * </ul>
 * The counts come without this item's own credit. Keeping them per annotator in the database and moving them
 * by each new posterior is the M-step, done incrementally.
 */
final class ConfusionPosterior {

    private ConfusionPosterior() {
    }

    /**
     * @param answers    the item's answers as (annotator, label)
     * @param confusion  annotator -> truth -> given -> mass
     * @param classes    candidate true labels, in tie order
     * @param crowd      the project's fitted crowd model; null, or one that lacks a candidate, for fixed smoothing
     */
    static Map<String, Double> posterior(List<String[]> answers, Map<String, Map<String, Map<String, Double>>> confusion,
                                         List<String> classes, CrowdPrior crowd, double diagonalPrior,
                                         double offDiagonalPrior) {
        CrowdPrior fitted = crowd != null && classes.stream().allMatch(crowd::covers) ? crowd : null;
        int k = classes.size();
        double fixedRowPrior = diagonalPrior + (k - 1) * offDiagonalPrior;
        double[] log = new double[k];
        double[] classMass = new double[k];
        for (String[] answer : answers) {
            Map<String, Map<String, Double>> counts = confusion.getOrDefault(answer[0], Map.of());
            for (int c = 0; c < k; c++) {
                String truth = classes.get(c);
                Map<String, Double> row = counts.getOrDefault(truth, Map.of());
                double rowTotal = row.values().stream().mapToDouble(n -> Math.max(0, n)).sum();
                double cell = Math.max(0, row.getOrDefault(answer[1], 0.0));
                double prior;
                double rowPrior;
                if (fitted != null) {
                    prior = fitted.pseudoCount(truth, answer[1]);
                    rowPrior = fitted.strength(truth);
                } else {
                    prior = truth.equals(answer[1]) ? diagonalPrior : offDiagonalPrior;
                    rowPrior = fixedRowPrior;
                }
                log[c] += Math.log((cell + prior) / (rowTotal + rowPrior));
                classMass[c] += rowTotal;
            }
        }
        for (int c = 0; c < k; c++) {
            log[c] += fitted != null ? Math.log(fitted.classPrior().get(classes.get(c))) : Math.log(classMass[c] + 1);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double value : log) {
            max = Math.max(max, value);
        }
        double sum = 0;
        double[] p = new double[k];
        for (int c = 0; c < k; c++) {
            p[c] = Math.exp(log[c] - max);
            sum += p[c];
        }
        Map<String, Double> distribution = new LinkedHashMap<>();
        for (int c = 0; c < k; c++) {
            distribution.put(classes.get(c), p[c] / sum);
        }
        return distribution;
    }
}
