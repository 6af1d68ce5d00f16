package io.labelstream.quality.domain.agreement;

/**
 * Cohen's kappa for two raters, unweighted (Cohen 1960) or weighted (Cohen 1968):
 * kappa = (p_o - p_e) / (1 - p_e) with p_o = sum w_ij p_ij and p_e = sum w_ij p_i. p_.j.
 * <p>
 * Standard error is the large-sample (non-null) variance of Fleiss, Cohen and Everitt (1969),
 * "Large sample standard errors of kappa and weighted kappa", Psychological Bulletin 72(5):
 * var = [sum_ij p_ij (w_ij - (wbar_i. + wbar_.j)(1 - kappa))^2 - (kappa - p_e (1 - kappa))^2] / (n (1 - p_e)^2),
 * where wbar_i. = sum_j p_.j w_ij and wbar_.j = sum_i p_i. w_ij. With identity weights it reduces to their
 * unweighted formula. The 95% interval is kappa +/- 1.96 SE.
 * <p>
 * When both raters put every item in one category, p_e = 1 and kappa is 0/0: the result is NaN
 * (see {@link KappaResult#defined()}), never a made-up 1.0, so callers decide how to report it.
 */
public final class CohenKappa {

    private CohenKappa() {
    }

    public static KappaResult unweighted(ContingencyTable table) {
        return weighted(table, AgreementWeights.IDENTITY);
    }

    public static KappaResult weighted(ContingencyTable table, AgreementWeights weights) {
        int k = table.size();
        long n = table.total();
        if (n == 0) {
            return new KappaResult(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double[][] p = table.proportions();
        double[] rows = new double[k];
        double[] cols = new double[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                rows[i] += p[i][j];
                cols[j] += p[i][j];
            }
        }
        double[][] w = new double[k][k];
        double observed = 0;
        double expected = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                w[i][j] = weights.weight(i, j, k);
                observed += w[i][j] * p[i][j];
                expected += w[i][j] * rows[i] * cols[j];
            }
        }
        if (expected >= 1.0 - 1e-12) {
            return new KappaResult(Double.NaN, observed, expected, Double.NaN, Double.NaN, Double.NaN, n);
        }
        double kappa = (observed - expected) / (1.0 - expected);

        double[] rowMeanWeight = new double[k];
        double[] colMeanWeight = new double[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                rowMeanWeight[i] += cols[j] * w[i][j];
                colMeanWeight[j] += rows[i] * w[i][j];
            }
        }
        double sum = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double d = w[i][j] - (rowMeanWeight[i] + colMeanWeight[j]) * (1.0 - kappa);
                sum += p[i][j] * d * d;
            }
        }
        double correction = kappa - expected * (1.0 - kappa);
        double variance = Math.max(0.0, (sum - correction * correction) / (n * (1.0 - expected) * (1.0 - expected)));
        return KappaResult.withInterval(kappa, observed, expected, Math.sqrt(variance), n);
    }
}
