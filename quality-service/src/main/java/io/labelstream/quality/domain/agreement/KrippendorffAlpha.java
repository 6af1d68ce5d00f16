package io.labelstream.quality.domain.agreement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Krippendorff's alpha in the coincidence-matrix form of Krippendorff (2011), "Computing Krippendorff's
 * Alpha-Reliability": any number of coders, missing values allowed. A unit with m_u >= 2 values contributes
 * every ordered pair of its values with weight 1 / (m_u - 1) to the coincidence matrix o_ck; units with fewer
 * than two values are not pairable and are ignored. With n_c = sum_k o_ck and n = sum_c n_c:
 * alpha = 1 - (n - 1) * sum o_ck delta^2_ck / sum n_c n_k delta^2_ck.
 * <p>
 * Differences: nominal 0/1; ordinal (sum_{g=c..k} n_g - (n_c + n_k)/2)^2 over the ranks of the values;
 * interval (c - k)^2; ratio ((c - k)/(c + k))^2.
 * <p>
 * Alpha is NaN when it is undefined: fewer than two pairable values, or no variation at all (expected
 * disagreement 0, e.g. every coder always used one category).
 */
public final class KrippendorffAlpha {

    public enum Metric { NOMINAL, ORDINAL, INTERVAL, RATIO }

    public record Result(double alpha, double observedDisagreement, double expectedDisagreement, double pairableValues) {

        public boolean defined() {
            return !Double.isNaN(alpha);
        }
    }

    private KrippendorffAlpha() {
    }

    /** Reliability data as the paper prints it: one row per observer, one column per unit, null = missing. */
    public static Result ofMatrix(Double[][] observerByUnit, Metric metric) {
        int units = 0;
        for (Double[] row : observerByUnit) {
            units = Math.max(units, row.length);
        }
        List<List<Double>> byUnit = new ArrayList<>(units);
        for (int u = 0; u < units; u++) {
            List<Double> values = new ArrayList<>();
            for (Double[] row : observerByUnit) {
                if (u < row.length && row[u] != null) {
                    values.add(row[u]);
                }
            }
            byUnit.add(values);
        }
        return ofUnits(byUnit, metric);
    }

    /** The values each unit received, missing ones simply absent. */
    public static Result ofUnits(Collection<? extends Collection<Double>> valuesPerUnit, Metric metric) {
        TreeSet<Double> distinct = new TreeSet<>();
        for (Collection<Double> unit : valuesPerUnit) {
            if (unit.size() >= 2) {
                distinct.addAll(unit);
            }
        }
        double[] values = distinct.stream().mapToDouble(Double::doubleValue).toArray();
        List<int[]> units = new ArrayList<>();
        for (Collection<Double> unit : valuesPerUnit) {
            if (unit.size() >= 2) {
                units.add(unit.stream().mapToInt(v -> Arrays.binarySearch(values, v)).toArray());
            }
        }
        return compute(units, values, metric);
    }

    /** Nominal alpha over string labels, e.g. one collection of labels per item. */
    public static Result nominal(Collection<? extends Collection<String>> labelsPerUnit) {
        Map<String, Integer> index = new TreeMap<>();
        for (Collection<String> unit : labelsPerUnit) {
            if (unit.size() >= 2) {
                unit.forEach(label -> index.putIfAbsent(label, 0));
            }
        }
        int next = 0;
        for (Map.Entry<String, Integer> e : index.entrySet()) {
            e.setValue(next++);
        }
        List<int[]> units = new ArrayList<>();
        for (Collection<String> unit : labelsPerUnit) {
            if (unit.size() >= 2) {
                units.add(unit.stream().mapToInt(index::get).toArray());
            }
        }
        double[] values = new double[index.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        return compute(units, values, Metric.NOMINAL);
    }

    private static Result compute(List<int[]> units, double[] values, Metric metric) {
        int v = values.length;
        double[][] coincidence = new double[v][v];
        for (int[] unit : units) {
            double weight = 1.0 / (unit.length - 1);
            for (int a = 0; a < unit.length; a++) {
                for (int b = 0; b < unit.length; b++) {
                    if (a != b) {
                        coincidence[unit[a]][unit[b]] += weight;
                    }
                }
            }
        }
        double[] marginals = new double[v];
        double n = 0;
        for (int c = 0; c < v; c++) {
            for (int k = 0; k < v; k++) {
                marginals[c] += coincidence[c][k];
            }
            n += marginals[c];
        }
        if (n < 2) {
            return new Result(Double.NaN, Double.NaN, Double.NaN, n);
        }
        double observed = 0;
        double expected = 0;
        for (int c = 0; c < v; c++) {
            for (int k = 0; k < v; k++) {
                double d2 = squaredDifference(metric, c, k, values, marginals);
                observed += coincidence[c][k] * d2;
                expected += marginals[c] * marginals[k] * d2;
            }
        }
        double observedDisagreement = observed / n;
        double expectedDisagreement = expected / (n * (n - 1));
        double alpha = expected <= 0 ? Double.NaN : 1.0 - (n - 1) * observed / expected;
        return new Result(alpha, observedDisagreement, expectedDisagreement, n);
    }

    private static double squaredDifference(Metric metric, int c, int k, double[] values, double[] marginals) {
        if (c == k) {
            return 0;
        }
        return switch (metric) {
            case NOMINAL -> 1.0;
            case ORDINAL -> {
                int lo = Math.min(c, k);
                int hi = Math.max(c, k);
                double sum = 0;
                for (int g = lo; g <= hi; g++) {
                    sum += marginals[g];
                }
                double d = sum - (marginals[c] + marginals[k]) / 2.0;
                yield d * d;
            }
            case INTERVAL -> {
                double d = values[c] - values[k];
                yield d * d;
            }
            case RATIO -> {
                double s = values[c] + values[k];
                double d = s == 0 ? 0 : (values[c] - values[k]) / s;
                yield d * d;
            }
        };
    }
}
