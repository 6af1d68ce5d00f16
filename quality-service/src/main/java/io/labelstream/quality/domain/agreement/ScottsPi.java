package io.labelstream.quality.domain.agreement;

/**
 * Scott's pi (Scott 1955) for two raters: like Cohen's kappa but chance agreement uses the pooled
 * category distribution of both raters, p_e = sum_k ((p_k. + p_.k) / 2)^2, so it is symmetric in the raters.
 */
public final class ScottsPi {

    private ScottsPi() {
    }

    public static ChanceCorrectedAgreement of(ContingencyTable table) {
        int k = table.size();
        if (table.total() == 0) {
            return new ChanceCorrectedAgreement(Double.NaN, Double.NaN, Double.NaN);
        }
        double[][] p = table.proportions();
        double observed = 0;
        double[] pooled = new double[k];
        for (int i = 0; i < k; i++) {
            observed += p[i][i];
            for (int j = 0; j < k; j++) {
                pooled[i] += p[i][j] / 2.0;
                pooled[j] += p[i][j] / 2.0;
            }
        }
        double expected = 0;
        for (double q : pooled) {
            expected += q * q;
        }
        return ChanceCorrectedAgreement.of(observed, expected);
    }
}
