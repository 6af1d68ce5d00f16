package io.labelstream.assignment.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Orders the pool by one timestamp, so that the claim walks an index instead of sorting: an item ranks
 * as if it had arrived earlier by {@code uncertainty × weight × boost}. The most uncertain items come
 * first, then the oldest; an item nobody is unsure about waits at most {@code boost × weight} behind
 * newer uncertain ones, so nothing starves.
 */
public final class PriorityRank {

    private PriorityRank() {
    }

    public static Instant rankAt(Instant ingestedAt, Double uncertainty, double projectWeight, Duration boost) {
        if (uncertainty == null || uncertainty <= 0 || projectWeight <= 0) {
            return ingestedAt;
        }
        long advanceMillis = Math.round(Math.min(1.0, uncertainty) * projectWeight * boost.toMillis());
        return ingestedAt.minusMillis(advanceMillis);
    }
}
