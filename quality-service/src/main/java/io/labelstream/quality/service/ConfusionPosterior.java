package io.labelstream.quality.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Dawid–Skene E-step for a single item (Dawid and Skene 1979): P(z = c) proportional to
 * P(c) * prod over the item's answers of pi_w[c][l_w]. The annotators' confusion rows pi_w[c] come from
 * their running counts n_w[c][l] against earlier consensus, smoothed towards the diagonal with a Dirichlet
 * prior (pseudo-counts {@code diagonalPrior} on the diagonal, {@code offDiagonalPrior} elsewhere) so a new
 * annotator is trusted moderately instead of not at all or completely; the class prior is uniform, so the
 * result depends only on the item's own answers and its annotators' counts. Keeping the counts per
 * annotator in the database and re-crediting them after each decision is the M-step, done incrementally.
 */
final class ConfusionPosterior {

    private ConfusionPosterior() {
    }

    /**
     * @param answers    the item's answers as (annotator, label)
     * @param confusion  annotator -> truth -> given -> count
     * @param classes    candidate true labels, in tie order
     */
    static Map<String, Double> posterior(List<String[]> answers, Map<String, Map<String, Map<String, Integer>>> confusion,
                                         List<String> classes, double diagonalPrior, double offDiagonalPrior) {
        int k = classes.size();
        double[] log = new double[k];
        for (String[] answer : answers) {
            Map<String, Map<String, Integer>> counts = confusion.getOrDefault(answer[0], Map.of());
            for (int c = 0; c < k; c++) {
                Map<String, Integer> row = counts.getOrDefault(classes.get(c), Map.of());
                double rowTotal = row.values().stream().mapToInt(Integer::intValue).filter(n -> n > 0).sum();
                double cell = Math.max(0, row.getOrDefault(answer[1], 0));
                double prior = classes.get(c).equals(answer[1]) ? diagonalPrior : offDiagonalPrior;
                double priorTotal = diagonalPrior + (k - 1) * offDiagonalPrior;
                log[c] += Math.log((cell + prior) / (rowTotal + priorTotal));
            }
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
