package io.labelstream.quality.domain.inference;

import java.util.Arrays;

/**
 * Sufficient statistics of the Dawid–Skene model (Dawid and Skene 1979) kept as soft counts, so batch EM and
 * the streaming estimator share one parameterisation:
 * <ul>
 *   <li>n_w[c][l]: expected number of items of true class c that annotator w labelled l;</li>
 *   <li>the class masses sum_i P(z_i = c) behind the class prior P(c) = (mass_c + 1) / (items + K);</li>
 *   <li>the population matrix N[c][l] = sum_w n_w[c][l].</li>
 * </ul>
 * Each annotator's confusion row is a posterior mean under a Dirichlet prior centred on the population row:
 * pi_w[c][l] = (n_w[c][l] + m_c g[c][l]) / (n_w[c] + m_c), g[c] = normalised (N[c] + a[c]) with a small
 * diagonal-heavy base a. Annotators with few answers are thereby shrunk towards the crowd instead of getting
 * degenerate 0/1 rates. The strength m_c is chosen per true class by empirical Bayes: the value on a log grid
 * that maximises the Dirichlet-multinomial marginal likelihood of all annotators' soft counts in that row.
 */
final class ConfusionModel {

    private static final double BASE_DIAGONAL = 1.0;
    private static final double BASE_OFF_DIAGONAL = 0.1;
    private static final double DEFAULT_STRENGTH = 2.0;
    private static final double[] STRENGTH_GRID = strengthGrid();

    final int classes;
    private double[][][] counts;
    private double[][] rowTotals;
    private int annotators;
    private final double[][] population;
    private final double[] populationRows;
    private final double[] classMass;
    private int items;
    private final double[] strength;

    ConfusionModel(int classes, int expectedAnnotators) {
        this.classes = classes;
        this.counts = new double[Math.max(1, expectedAnnotators)][][];
        this.rowTotals = new double[Math.max(1, expectedAnnotators)][];
        this.population = new double[classes][classes];
        this.populationRows = new double[classes];
        this.classMass = new double[classes];
        this.strength = new double[classes];
        Arrays.fill(strength, DEFAULT_STRENGTH);
    }

    void ensureAnnotator(int w) {
        if (w >= counts.length) {
            int size = Math.max(w + 1, counts.length * 2);
            counts = Arrays.copyOf(counts, size);
            rowTotals = Arrays.copyOf(rowTotals, size);
        }
        while (annotators <= w) {
            counts[annotators] = new double[classes][classes];
            rowTotals[annotators] = new double[classes];
            annotators++;
        }
    }

    int annotators() {
        return annotators;
    }

    /** Adds delta[c] to n_w[c][label] for every class c (delta may be negative: a retracted earlier belief). */
    void credit(int w, int label, double[] delta) {
        double[][] n = counts[w];
        double[] rows = rowTotals[w];
        for (int c = 0; c < classes; c++) {
            n[c][label] += delta[c];
            rows[c] += delta[c];
            population[c][label] += delta[c];
            populationRows[c] += delta[c];
        }
    }

    void addItemMass(double[] delta, int newItems) {
        for (int c = 0; c < classes; c++) {
            classMass[c] += delta[c];
        }
        items += newItems;
    }

    double logPrior(int c) {
        return Math.log((Math.max(0, classMass[c]) + 1.0) / (items + classes));
    }

    double populationRate(int c, int l) {
        double base = c == l ? BASE_DIAGONAL : BASE_OFF_DIAGONAL;
        double baseRow = BASE_DIAGONAL + (classes - 1) * BASE_OFF_DIAGONAL;
        return (Math.max(0, population[c][l]) + base) / (Math.max(0, populationRows[c]) + baseRow);
    }

    /** P(annotator w says l | true class c). */
    double rate(int w, int c, int l) {
        double m = strength[c];
        return (Math.max(0, counts[w][c][l]) + m * populationRate(c, l)) / (Math.max(0, rowTotals[w][c]) + m);
    }

    /** log pi_w[c][l] for all w, c, l: the table one E-step reads. */
    double[][][] logRates() {
        double[][] g = new double[classes][classes];
        for (int c = 0; c < classes; c++) {
            for (int l = 0; l < classes; l++) {
                g[c][l] = populationRate(c, l);
            }
        }
        double[][][] table = new double[annotators][classes][classes];
        for (int w = 0; w < annotators; w++) {
            for (int c = 0; c < classes; c++) {
                double m = strength[c];
                double denominator = Math.max(0, rowTotals[w][c]) + m;
                for (int l = 0; l < classes; l++) {
                    table[w][c][l] = Math.log((Math.max(0, counts[w][c][l]) + m * g[c][l]) / denominator);
                }
            }
        }
        return table;
    }

    /** Empirical-Bayes choice of each row's prior strength m_c (see the class comment). */
    void chooseStrengths() {
        for (int c = 0; c < classes; c++) {
            double[] g = new double[classes];
            for (int l = 0; l < classes; l++) {
                g[l] = populationRate(c, l);
            }
            double bestLikelihood = Double.NEGATIVE_INFINITY;
            double best = DEFAULT_STRENGTH;
            for (double m : STRENGTH_GRID) {
                double likelihood = 0;
                double logGammaM = LogGamma.of(m);
                double[] logGammaPrior = new double[classes];
                for (int l = 0; l < classes; l++) {
                    logGammaPrior[l] = LogGamma.of(m * g[l]);
                }
                for (int w = 0; w < annotators; w++) {
                    double total = Math.max(0, rowTotals[w][c]);
                    if (total < 1e-9) {
                        continue;
                    }
                    likelihood += logGammaM - LogGamma.of(m + total);
                    for (int l = 0; l < classes; l++) {
                        double x = Math.max(0, counts[w][c][l]);
                        if (x > 1e-12) {
                            likelihood += LogGamma.of(m * g[l] + x) - logGammaPrior[l];
                        }
                    }
                }
                if (likelihood > bestLikelihood) {
                    bestLikelihood = likelihood;
                    best = m;
                }
            }
            strength[c] = best;
        }
    }

    double[] strengths() {
        return strength.clone();
    }

    void restoreStrengths(double[] values) {
        System.arraycopy(values, 0, strength, 0, classes);
    }

    double[] classPrior() {
        double[] p = new double[classes];
        for (int c = 0; c < classes; c++) {
            p[c] = Math.exp(logPrior(c));
        }
        return p;
    }

    double[][] confusion(int w) {
        double[][] pi = new double[classes][classes];
        for (int c = 0; c < classes; c++) {
            for (int l = 0; l < classes; l++) {
                pi[c][l] = rate(w, c, l);
            }
        }
        return pi;
    }

    double answersCredited(int w) {
        double total = 0;
        for (double r : rowTotals[w]) {
            total += r;
        }
        return total;
    }

    private static double[] strengthGrid() {
        double[] grid = new double[11];
        for (int k = 0; k < grid.length; k++) {
            grid[k] = Math.pow(2, k - 2);
        }
        return grid;
    }
}
