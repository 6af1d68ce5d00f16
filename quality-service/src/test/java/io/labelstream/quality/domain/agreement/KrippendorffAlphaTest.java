package io.labelstream.quality.domain.agreement;

import io.labelstream.quality.domain.agreement.KrippendorffAlpha.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class KrippendorffAlphaTest {

    @ParameterizedTest
    @EnumSource(Metric.class)
    void perfectAgreementWithVariationIsOne(Metric metric) {
        List<List<Double>> units = List.of(List.of(1.0, 1.0, 1.0), List.of(2.0, 2.0), List.of(4.0, 4.0, 4.0));
        assertThat(KrippendorffAlpha.ofUnits(units, metric).alpha()).isCloseTo(1.0, within(1e-12));
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void oneValueEverywhereLeavesAlphaUndefined(Metric metric) {
        // no variation: expected disagreement is 0 and alpha is 0/0
        List<List<Double>> units = List.of(List.of(3.0, 3.0), List.of(3.0, 3.0, 3.0));
        KrippendorffAlpha.Result result = KrippendorffAlpha.ofUnits(units, metric);
        assertThat(result.defined()).isFalse();
        assertThat(result.alpha()).isNaN();
    }

    @Test
    void unitsWithASingleValueAreNotPairableAndChangeNothing() {
        List<List<Double>> units = new ArrayList<>(List.of(
                List.of(1.0, 2.0, 1.0), List.of(2.0, 2.0), List.of(3.0, 3.0, 2.0), List.of(1.0, 1.0)));
        KrippendorffAlpha.Result before = KrippendorffAlpha.ofUnits(units, Metric.INTERVAL);
        units.add(List.of(5.0));
        units.add(List.of());
        units.add(List.of(1.0));
        KrippendorffAlpha.Result after = KrippendorffAlpha.ofUnits(units, Metric.INTERVAL);
        assertThat(after.alpha()).isEqualTo(before.alpha());
        assertThat(after.pairableValues()).isEqualTo(10);
    }

    @Test
    void missingValuesInTheMatrixAreSkipped() {
        Double[][] withGaps = {{1.0, 2.0, null, 3.0}, {1.0, null, 2.0, 3.0}, {null, 2.0, 2.0, 1.0}};
        List<List<Double>> units = List.of(List.of(1.0, 1.0), List.of(2.0, 2.0), List.of(2.0, 2.0), List.of(3.0, 3.0, 1.0));
        assertThat(KrippendorffAlpha.ofMatrix(withGaps, Metric.ORDINAL).alpha())
                .isEqualTo(KrippendorffAlpha.ofUnits(units, Metric.ORDINAL).alpha());
    }

    @Test
    void twoCodersNominalAlphaIsScottsPiWithSmallSampleCorrection() {
        // With two coders, no missing values and nominal data, n = 2N pairable values, the coincidence
        // matrix gives alpha = 1 - (n - 1)/n * (1 - p_o)/(1 - p_e) = 1 - (n - 1)/n * (1 - pi) (Krippendorff 2011).
        String[] a = {"x", "x", "y", "y", "z", "x", "y", "z", "z", "x"};
        String[] b = {"x", "y", "y", "y", "z", "x", "x", "z", "y", "x"};
        List<List<String>> units = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            units.add(List.of(a[i], b[i]));
        }
        double alpha = KrippendorffAlpha.nominal(units).alpha();
        ChanceCorrectedAgreement pi = ScottsPi.of(ContingencyTable.fromPairs(List.of(a), List.of(b)));
        double n = 2.0 * a.length;
        assertThat(alpha).isCloseTo(1 - (n - 1) / n * (1 - pi.value()), within(1e-12));
        assertThat(alpha).isGreaterThan(pi.value());
    }
}
