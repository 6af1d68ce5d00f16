package io.labelstream.quality.service;

import java.util.Arrays;

/**
 * Time per label as counts in logarithmic buckets (four per doubling, i.e. about 19% wide), so an
 * annotator's median speed is kept in constant space and updated in constant time per label.
 */
public record DurationHistogram(long[] counts) {

    private static final int BUCKETS_PER_DOUBLING = 4;

    public static DurationHistogram of(long[] counts) {
        return new DurationHistogram(counts.clone());
    }

    public DurationHistogram add(long millis) {
        int bucket = bucketOf(millis);
        long[] grown = counts.length > bucket ? counts.clone() : Arrays.copyOf(counts, bucket + 1);
        grown[bucket]++;
        return new DurationHistogram(grown);
    }

    public long total() {
        return Arrays.stream(counts).sum();
    }

    /** The median in seconds, at the geometric middle of its bucket; null without any label. */
    public Double medianSeconds() {
        long total = total();
        if (total == 0) {
            return null;
        }
        long seen = 0;
        for (int bucket = 0; bucket < counts.length; bucket++) {
            seen += counts[bucket];
            if (2 * seen >= total) {
                double low = Math.pow(2, (double) bucket / BUCKETS_PER_DOUBLING) - 1;
                double high = Math.pow(2, (double) (bucket + 1) / BUCKETS_PER_DOUBLING) - 1;
                return Math.sqrt(Math.max(low, 0.5) * high) / 1000.0;
            }
        }
        throw new IllegalStateException("unreachable: the buckets sum to the total");
    }

    static int bucketOf(long millis) {
        return (int) Math.floor(BUCKETS_PER_DOUBLING * (Math.log(Math.max(0, millis) + 1.0) / Math.log(2)));
    }
}
