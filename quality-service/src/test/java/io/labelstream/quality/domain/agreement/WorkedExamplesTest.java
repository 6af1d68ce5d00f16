package io.labelstream.quality.domain.agreement;

import io.labelstream.quality.domain.agreement.KrippendorffAlpha.Metric;
import io.labelstream.quality.domain.testdata.Datasets;
import io.labelstream.quality.domain.testdata.MiniJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The published worked examples in datasets/agreement, read from the files. Published figures are rounded
 * (to 1-3 decimals); each is asserted to half a unit of its last printed digit, and the exact value of the
 * same data is asserted to 4 decimals.
 */
class WorkedExamplesTest {

    private static Map<String, Object> example(String file) {
        return MiniJson.readObject(Datasets.require("agreement/" + file));
    }

    private static double halfUnitOfLastDigit(double published) {
        String text = Double.toString(Math.abs(published));
        int decimals = text.contains(".") ? text.length() - text.indexOf('.') - 1 : 0;
        return 0.5 * Math.pow(10, -decimals) + 1e-12;
    }

    @Test
    void cohensKappaGrantProposals() {
        Map<String, Object> json = example("cohen_kappa_wikipedia_grant_2x2.json");
        Map<String, Object> expected = MiniJson.object(json, "expected");
        KappaResult result = CohenKappa.unweighted(ContingencyTable.of(MiniJson.longMatrix(json, "table")));

        assertThat(result.observedAgreement()).isCloseTo(MiniJson.number(expected, "p_o"), within(1e-4));
        assertThat(result.expectedAgreement()).isCloseTo(MiniJson.number(expected, "p_e"), within(1e-4));
        assertThat(result.kappa()).isCloseTo(MiniJson.number(expected, "kappa"), within(1e-4));
        assertThat(result.n()).isEqualTo(50);
        assertThat(result.ciLow()).isLessThan(result.kappa());
        assertThat(result.ciHigh()).isGreaterThan(result.kappa());
    }

    @Test
    void fleissKappaTenSubjectsFourteenRaters() {
        Map<String, Object> json = example("fleiss_kappa_wikipedia_10x14.json");
        Map<String, Object> expected = MiniJson.object(json, "expected");
        FleissKappa.Result result = FleissKappa.of(MiniJson.longMatrix(json, "counts"));

        double publishedKappa = MiniJson.number(expected, "kappa");
        assertThat(result.kappa()).isCloseTo(publishedKappa, within(halfUnitOfLastDigit(publishedKappa)));
        // exact value of the same table, given in the file's source_verification: 0.209930...
        assertThat(result.kappa()).isCloseTo(0.2099, within(5e-5));
        double pBar = MiniJson.number(expected, "P_bar");
        double peBar = MiniJson.number(expected, "P_e_bar");
        assertThat(result.meanObservedAgreement()).isCloseTo(pBar, within(halfUnitOfLastDigit(pBar)));
        assertThat(result.expectedAgreement()).isCloseTo(peBar, within(halfUnitOfLastDigit(peBar)));
        double[] subject = MiniJson.doubles(expected, "P_i");
        for (int i = 0; i < subject.length; i++) {
            assertThat(result.subjectAgreement().get(i)).as("P_%d", i + 1)
                    .isCloseTo(subject[i], within(halfUnitOfLastDigit(subject[i])));
        }
        double[] category = MiniJson.doubles(expected, "p_j");
        for (int j = 0; j < category.length; j++) {
            assertThat(result.categoryProportions().get(j)).as("p_%d", j + 1)
                    .isCloseTo(category[j], within(halfUnitOfLastDigit(category[j])));
        }
    }

    @Test
    void fleissPerCategoryKappaAveragesToOverallKappa() {
        // Fleiss (1971): overall kappa is the p_j q_j-weighted mean of the per-category kappas.
        FleissKappa.Result result = FleissKappa.of(MiniJson.longMatrix(example("fleiss_kappa_wikipedia_10x14.json"), "counts"));
        double weighted = 0;
        double weights = 0;
        for (int j = 0; j < result.categoryKappa().size(); j++) {
            double p = result.categoryProportions().get(j);
            weighted += p * (1 - p) * result.categoryKappa().get(j);
            weights += p * (1 - p);
        }
        assertThat(weighted / weights).isCloseTo(result.kappa(), within(1e-12));
    }

    @Test
    void scottsPiYesNoMaybe() {
        Map<String, Object> json = example("scotts_pi_wikipedia_3x3.json");
        Map<String, Object> expected = MiniJson.object(json, "expected");
        ChanceCorrectedAgreement pi = ScottsPi.of(ContingencyTable.of(MiniJson.longMatrix(json, "table")));

        assertThat(pi.value()).isCloseTo(MiniJson.number(expected, "pi_exact"), within(1e-4));
        double rounded = MiniJson.number(expected, "pi_published_rounded");
        // the article rounds its intermediates before dividing, so its -0.057 is about 7e-4 from the exact value
        assertThat(pi.value()).isCloseTo(rounded, within(1e-3));
        double prA = MiniJson.number(expected, "Pr_a");
        double prE = MiniJson.number(expected, "Pr_e");
        assertThat(pi.observedAgreement()).isCloseTo(prA, within(halfUnitOfLastDigit(prA)));
        assertThat(pi.expectedAgreement()).isCloseTo(prE, within(halfUnitOfLastDigit(prE)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // metric, key in the file, exact value of the paper's data to 4 decimals
        "NOMINAL, nominal, 0.7434",
        "ORDINAL, ordinal, 0.8154",
        "INTERVAL, interval, 0.8491",
        "RATIO, ratio, 0.7974",
    })
    void krippendorffAlphaPaperExampleWithMissingData(Metric metric, String key, double exact) {
        Map<String, Object> json = example("krippendorff_alpha_2011_C_4obs_12units_missing.json");
        Map<String, Object> expected = MiniJson.object(json, "expected");
        KrippendorffAlpha.Result result = KrippendorffAlpha.ofMatrix(MiniJson.nullableMatrix(json, "reliability_data"), metric);

        double published = MiniJson.number(expected, key);
        assertThat(result.alpha()).isCloseTo(published, within(halfUnitOfLastDigit(published)));
        assertThat(result.alpha()).isCloseTo(exact, within(5e-5));
        assertThat(result.pairableValues()).isEqualTo(MiniJson.number(expected, "n_pairable_values"));
    }

    @Test
    void krippendorffNominalOverStringLabelsMatchesNumericCoding() {
        Double[][] data = MiniJson.nullableMatrix(example("krippendorff_alpha_2011_C_4obs_12units_missing.json"), "reliability_data");
        List<List<String>> units = new java.util.ArrayList<>();
        for (int u = 0; u < data[0].length; u++) {
            List<String> labels = new java.util.ArrayList<>();
            for (Double[] observer : data) {
                if (observer[u] != null) {
                    labels.add("grade-" + observer[u].intValue());
                }
            }
            units.add(labels);
        }
        assertThat(KrippendorffAlpha.nominal(units).alpha())
                .isCloseTo(KrippendorffAlpha.ofMatrix(data, Metric.NOMINAL).alpha(), within(1e-12));
    }
}
