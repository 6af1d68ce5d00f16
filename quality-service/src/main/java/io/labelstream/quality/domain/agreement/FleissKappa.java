package io.labelstream.quality.domain.agreement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Fleiss' kappa (Fleiss 1971) for a fixed number n of raters per subject, from the subject x category count
 * matrix n_ij: P_i = (sum_j n_ij^2 - n) / (n (n - 1)), p_j = sum_i n_ij / (N n), kappa = (Pbar - Pe) / (1 - Pe)
 * with Pe = sum_j p_j^2. The per-category kappa is Fleiss' kappa_j = 1 - sum_i n_ij (n - n_ij) / (N n (n - 1) p_j q_j)
 * (Fleiss, Levin and Paik, "Statistical Methods for Rates and Proportions", ch. 18); it is NaN for a category
 * nobody used or everybody always used.
 */
public final class FleissKappa {

    public record Result(
            double kappa,
            double meanObservedAgreement,
            double expectedAgreement,
            List<Double> subjectAgreement,
            List<Double> categoryProportions,
            List<Double> categoryKappa) {

        public boolean defined() {
            return !Double.isNaN(kappa);
        }
    }

    private FleissKappa() {
    }

    public static Result of(long[][] subjectByCategoryCounts) {
        int subjects = subjectByCategoryCounts.length;
        if (subjects == 0) {
            throw new IllegalArgumentException("no subjects");
        }
        int k = subjectByCategoryCounts[0].length;
        long raters = rowSum(subjectByCategoryCounts[0]);
        if (raters < 2) {
            throw new IllegalArgumentException("Fleiss' kappa needs at least two ratings per subject");
        }
        for (long[] row : subjectByCategoryCounts) {
            if (row.length != k || rowSum(row) != raters) {
                throw new IllegalArgumentException("every subject needs the same number of ratings (" + raters + ")");
            }
        }
        double n = raters;
        List<Double> subjectAgreement = new ArrayList<>(subjects);
        double[] proportions = new double[k];
        double pBar = 0;
        for (long[] row : subjectByCategoryCounts) {
            double squares = 0;
            for (int j = 0; j < k; j++) {
                squares += (double) row[j] * row[j];
                proportions[j] += row[j];
            }
            double pi = (squares - n) / (n * (n - 1));
            subjectAgreement.add(pi);
            pBar += pi;
        }
        pBar /= subjects;
        double expected = 0;
        for (int j = 0; j < k; j++) {
            proportions[j] /= subjects * n;
            expected += proportions[j] * proportions[j];
        }
        double kappa = expected >= 1.0 - 1e-12 ? Double.NaN : (pBar - expected) / (1.0 - expected);

        List<Double> categoryKappa = new ArrayList<>(k);
        List<Double> categoryProportions = new ArrayList<>(k);
        for (int j = 0; j < k; j++) {
            double pj = proportions[j];
            categoryProportions.add(pj);
            double spread = pj * (1.0 - pj);
            if (spread <= 1e-15) {
                categoryKappa.add(Double.NaN);
                continue;
            }
            double disagreement = 0;
            for (long[] row : subjectByCategoryCounts) {
                disagreement += (double) row[j] * (raters - row[j]);
            }
            categoryKappa.add(1.0 - disagreement / (subjects * n * (n - 1) * spread));
        }
        return new Result(kappa, pBar, expected, List.copyOf(subjectAgreement),
                List.copyOf(categoryProportions), List.copyOf(categoryKappa));
    }

    /** Builds the count matrix from each item's labels (categories in sorted order) and computes kappa. */
    public static Result ofLabels(Map<String, ? extends Collection<String>> labelsByItem) {
        TreeSet<String> categories = new TreeSet<>();
        labelsByItem.values().forEach(categories::addAll);
        List<String> order = new ArrayList<>(categories);
        long[][] counts = new long[labelsByItem.size()][order.size()];
        int i = 0;
        for (Collection<String> labels : new TreeMap<>(labelsByItem).values()) {
            for (String label : labels) {
                counts[i][order.indexOf(label)]++;
            }
            i++;
        }
        return of(counts);
    }

    private static long rowSum(long[] row) {
        long s = 0;
        for (long v : row) {
            s += v;
        }
        return s;
    }
}
