package io.labelstream.quality.domain.inference;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a Dawid–Skene fit learnt about the crowd as a whole, for scoring items one at a time afterwards:
 * <ul>
 *   <li>the class prior P(c);</li>
 *   <li>each true class's crowd row g[c][l], the pooled rate at which the crowd answers l for c;</li>
 *   <li>each row's prior strength m_c, chosen by empirical Bayes.</li>
 * </ul>
 * An annotator with soft counts n_w[c][l] then has the confusion row
 * pi_w[c][l] = (n_w[c][l] + m_c g[c][l]) / (n_w[c] + m_c), as in {@link DawidSkeneBatch}.
 */
public record CrowdPrior(Map<String, Double> classPrior, Map<String, Map<String, Double>> crowdRows,
                         Map<String, Double> strengths) {

    public CrowdPrior {
        classPrior = Map.copyOf(classPrior);
        crowdRows = Map.copyOf(crowdRows);
        strengths = Map.copyOf(strengths);
    }

    /** Whether the fit knew the label, as a true class and as an answer. */
    public boolean covers(String label) {
        return classPrior.containsKey(label);
    }

    /** Pseudo-count of answer l in true class c's row: m_c g[c][l]. */
    public double pseudoCount(String truth, String given) {
        return strengths.get(truth) * crowdRows.get(truth).get(given);
    }

    /** The row's total pseudo-count m_c. */
    public double strength(String truth) {
        return strengths.get(truth);
    }

    static CrowdPrior of(ConfusionModel model, LabelSpace space) {
        int k = space.size();
        double[] prior = model.classPrior();
        double[] strength = model.strengths();
        Map<String, Double> classes = new LinkedHashMap<>();
        Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
        Map<String, Double> strengths = new LinkedHashMap<>();
        for (int c = 0; c < k; c++) {
            double[] row = new double[k];
            for (int l = 0; l < k; l++) {
                row[l] = model.populationRate(c, l);
            }
            classes.put(space.label(c), prior[c]);
            rows.put(space.label(c), space.distribution(row));
            strengths.put(space.label(c), strength[c]);
        }
        return new CrowdPrior(classes, rows, strengths);
    }
}
