package io.labelstream.quality.domain.agreement;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CohenKappaTest {

    /** Rows rater A, columns rater B, ordered categories low/mid/high; n = 40. */
    private static final long[][] ORDINAL_TABLE = {{10, 3, 1}, {2, 8, 4}, {1, 2, 9}};

    @Test
    void weightedKappaOfOrderedCategories() {
        // Reference values from the disagreement form 1 - sum v_ij o_ij / sum v_ij e_ij with v = 1 - w,
        // computed independently: unweighted 0.513109, linear 0.577465, quadratic 0.642185.
        ContingencyTable table = ContingencyTable.of(ORDINAL_TABLE);
        assertThat(CohenKappa.unweighted(table).kappa()).isCloseTo(0.5131, within(5e-5));
        assertThat(CohenKappa.weighted(table, AgreementWeights.LINEAR).kappa()).isCloseTo(0.5775, within(5e-5));
        assertThat(CohenKappa.weighted(table, AgreementWeights.QUADRATIC).kappa()).isCloseTo(0.6422, within(5e-5));
    }

    @Test
    void withTwoCategoriesEveryWeightingIsPlainKappa() {
        ContingencyTable table = ContingencyTable.of(new long[][] {{20, 5}, {10, 15}});
        double plain = CohenKappa.unweighted(table).kappa();
        assertThat(CohenKappa.weighted(table, AgreementWeights.LINEAR).kappa()).isCloseTo(plain, within(1e-12));
        assertThat(CohenKappa.weighted(table, AgreementWeights.QUADRATIC).kappa()).isCloseTo(plain, within(1e-12));
    }

    @Test
    void standardErrorMatchesTheDeltaMethodComputedNumerically() {
        // Independent check of the closed form: under multinomial sampling, var(kappa) is
        // (sum p g^2 - (sum p g)^2) / n with g the gradient of kappa with respect to the cell proportions.
        for (AgreementWeights weights : AgreementWeights.values()) {
            KappaResult result = CohenKappa.weighted(ContingencyTable.of(ORDINAL_TABLE), weights);
            assertThat(result.standardError()).as(weights.name())
                    .isCloseTo(deltaMethodStandardError(ORDINAL_TABLE, weights), within(1e-6));
            assertThat(result.ciLow()).isCloseTo(result.kappa() - 1.959964 * result.standardError(), within(1e-6));
            assertThat(result.ciHigh()).isCloseTo(result.kappa() + 1.959964 * result.standardError(), within(1e-6));
        }
        long[][] grant = {{20, 5}, {10, 15}};
        assertThat(CohenKappa.unweighted(ContingencyTable.of(grant)).standardError())
                .isCloseTo(deltaMethodStandardError(grant, AgreementWeights.IDENTITY), within(1e-6));
    }

    @Test
    void perfectAgreementIsOneWithZeroStandardError() {
        KappaResult result = CohenKappa.unweighted(ContingencyTable.of(new long[][] {{7, 0}, {0, 3}}));
        assertThat(result.kappa()).isEqualTo(1.0);
        assertThat(result.standardError()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void allRatingsInOneCategoryLeaveKappaUndefined() {
        // p_e = 1 makes kappa 0/0: reported as NaN, not as perfect agreement.
        KappaResult result = CohenKappa.unweighted(ContingencyTable.of(new long[][] {{12, 0}, {0, 0}}));
        assertThat(result.defined()).isFalse();
        assertThat(result.kappa()).isNaN();
        assertThat(result.observedAgreement()).isEqualTo(1.0);
        assertThat(ScottsPi.of(ContingencyTable.of(new long[][] {{12, 0}, {0, 0}})).defined()).isFalse();
    }

    @Test
    void tableFromPairedLabels() {
        List<String> a = List.of("cat", "cat", "dog", "dog", "bird");
        List<String> b = List.of("cat", "dog", "dog", "dog", "bird");
        ContingencyTable table = ContingencyTable.fromPairs(a, b);
        assertThat(table.categories()).containsExactly("bird", "cat", "dog");
        assertThat(table.counts()).isDeepEqualTo(new long[][] {{1, 0, 0}, {0, 1, 1}, {0, 0, 2}});
        // p_o = 4/5, p_e = (1*1 + 2*1 + 2*3)/25 = 9/25
        assertThat(CohenKappa.unweighted(table).kappa()).isCloseTo((0.8 - 0.36) / (1 - 0.36), within(1e-12));
        assertThatThrownBy(() -> ContingencyTable.fromPairs(a, List.of("cat")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static double deltaMethodStandardError(long[][] counts, AgreementWeights weights) {
        int k = counts.length;
        double n = 0;
        for (long[] row : counts) {
            for (long c : row) {
                n += c;
            }
        }
        double[][] p = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                p[i][j] = counts[i][j] / n;
            }
        }
        double h = 1e-6;
        double mean = 0;
        double meanSquare = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double[][] up = copy(p);
                double[][] down = copy(p);
                up[i][j] += h;
                down[i][j] -= h;
                double g = (kappaOfProportions(up, weights) - kappaOfProportions(down, weights)) / (2 * h);
                mean += p[i][j] * g;
                meanSquare += p[i][j] * g * g;
            }
        }
        return Math.sqrt((meanSquare - mean * mean) / n);
    }

    /** kappa as a function of (unnormalised) cell proportions, written out directly. */
    private static double kappaOfProportions(double[][] q, AgreementWeights weights) {
        int k = q.length;
        double total = 0;
        for (double[] row : q) {
            for (double v : row) {
                total += v;
            }
        }
        double[] rows = new double[k];
        double[] cols = new double[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                rows[i] += q[i][j] / total;
                cols[j] += q[i][j] / total;
            }
        }
        double po = 0;
        double pe = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double w = weights.weight(i, j, k);
                po += w * q[i][j] / total;
                pe += w * rows[i] * cols[j];
            }
        }
        return (po - pe) / (1 - pe);
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
