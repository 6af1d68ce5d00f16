package io.labelstream.quality.domain.consensus;

import java.util.Arrays;
import java.util.Collection;

/**
 * Consensus of numeric ratings: the median (robust to a single outlying rater; the mean of the two middle
 * values for an even count) reported with the mean, the range and the median absolute deviation as spread.
 */
public final class MedianRating {

    public record Summary(int count, double median, double mean, double min, double max, double medianAbsoluteDeviation) {
    }

    private MedianRating() {
    }

    public static Summary summarize(Collection<? extends Number> ratings) {
        if (ratings.isEmpty()) {
            throw new IllegalArgumentException("no ratings");
        }
        double[] values = ratings.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        double median = median(values);
        double mean = Arrays.stream(values).average().orElseThrow();
        double[] deviations = Arrays.stream(values).map(v -> Math.abs(v - median)).sorted().toArray();
        return new Summary(values.length, median, mean, values[0], values[values.length - 1], median(deviations));
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
