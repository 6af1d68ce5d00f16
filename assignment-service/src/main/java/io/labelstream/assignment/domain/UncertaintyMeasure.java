package io.labelstream.assignment.domain;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * How uncertain a model is about an item, scaled to 0 (certain) .. 1 (no idea), from its label
 * distribution. Entropy: Shannon entropy divided by log(n). Margin: 1 - (p1 - p2) of the two most
 * likely labels (Settles, "Active Learning Literature Survey", 2009, §3.1).
 */
public enum UncertaintyMeasure {
    ENTROPY, MARGIN;

    /** The uncertainty of {@code distribution}; null when it says nothing (empty or all zero). */
    public Double of(Map<String, Double> distribution) {
        if (distribution == null || distribution.isEmpty()) {
            return null;
        }
        List<Double> p = normalised(distribution.values());
        if (p.isEmpty()) {
            return null;
        }
        if (p.size() == 1) {
            return 0.0;
        }
        return switch (this) {
            case ENTROPY -> entropy(p);
            case MARGIN -> margin(p);
        };
    }

    private static double entropy(List<Double> p) {
        double h = 0;
        for (double pi : p) {
            if (pi > 0) {
                h -= pi * Math.log(pi);
            }
        }
        return clamp(h / Math.log(p.size()));
    }

    private static double margin(List<Double> p) {
        List<Double> sorted = p.stream().sorted((a, b) -> Double.compare(b, a)).toList();
        return clamp(1 - (sorted.get(0) - sorted.get(1)));
    }

    private static List<Double> normalised(Collection<Double> values) {
        double sum = values.stream().filter(v -> v != null && v > 0).mapToDouble(Double::doubleValue).sum();
        if (sum <= 0) {
            return List.of();
        }
        return values.stream().map(v -> v == null || v < 0 ? 0.0 : v / sum).toList();
    }

    private static double clamp(double value) {
        return Math.max(0, Math.min(1, value));
    }
}
