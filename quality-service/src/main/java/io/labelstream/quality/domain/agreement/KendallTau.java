package io.labelstream.quality.domain.agreement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kendall's tau-b (Kendall 1945), the tie-corrected rank correlation:
 * tau_b = (n_c - n_d) / sqrt((n_0 - n_1)(n_0 - n_2)), n_0 = n(n-1)/2, n_1 and n_2 the pairs tied in x and in y.
 * Pairs are enumerated directly (O(n^2)), which is ample for the rankings annotators produce.
 * NaN when either side has no untied pair.
 */
public final class KendallTau {

    private KendallTau() {
    }

    public static double tauB(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y must have the same length");
        }
        long concordant = 0;
        long discordant = 0;
        long tiedX = 0;
        long tiedY = 0;
        int n = x.length;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                int sx = Double.compare(x[i], x[j]);
                int sy = Double.compare(y[i], y[j]);
                if (sx == 0) {
                    tiedX++;
                }
                if (sy == 0) {
                    tiedY++;
                }
                if (sx != 0 && sy != 0) {
                    if (sx == sy) {
                        concordant++;
                    } else {
                        discordant++;
                    }
                }
            }
        }
        double pairs = n * (n - 1L) / 2.0;
        double denominator = Math.sqrt((pairs - tiedX) * (pairs - tiedY));
        return denominator == 0 ? Double.NaN : (concordant - discordant) / denominator;
    }

    /** Tau-b between two scorings (rank, score or grade per item) over the items both scored; equal values are ties. */
    public static double tauB(Map<String, ? extends Number> a, Map<String, ? extends Number> b) {
        List<String> common = new ArrayList<>();
        for (String item : a.keySet()) {
            if (b.containsKey(item)) {
                common.add(item);
            }
        }
        double[] x = new double[common.size()];
        double[] y = new double[common.size()];
        for (int i = 0; i < common.size(); i++) {
            x[i] = a.get(common.get(i)).doubleValue();
            y[i] = b.get(common.get(i)).doubleValue();
        }
        return tauB(x, y);
    }

    /** Tau-b between two orderings (best first) over the items both contain. */
    public static double tauB(List<String> orderingA, List<String> orderingB) {
        return tauB(positions(orderingA), positions(orderingB));
    }

    private static Map<String, Integer> positions(List<String> ordering) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < ordering.size(); i++) {
            if (position.putIfAbsent(ordering.get(i), i) != null) {
                throw new IllegalArgumentException("item ranked twice: " + ordering.get(i));
            }
        }
        return position;
    }
}
