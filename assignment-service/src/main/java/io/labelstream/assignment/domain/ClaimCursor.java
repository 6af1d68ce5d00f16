package io.labelstream.assignment.domain;

import java.time.Instant;

/**
 * Where an annotator's regular claims go on from: every item the regular pool could serve at or before
 * {@code after} was, when the cursor was set, one the annotator had already had, so a claim need not skip those
 * items again. Items that become claimable behind it afterwards are counted in the pool's reopenings; a claim
 * that finds more reopenings than its cursor saw starts again from the earliest of them.
 *
 * @param after           null: from the head of the pool
 * @param reopensSeen     the pool's reopenings count when the cursor was set
 * @param generationSeen  the pool's generation when the cursor was set
 */
public record ClaimCursor(PoolPosition after, long reopensSeen, long generationSeen) {

    public static final ClaimCursor HEAD = new ClaimCursor(null, 0, 0);

    /**
     * Where a claim starts, exclusive; null for the head of the pool. Reopenings since the cursor was set
     * are all in the floors of its generation and the next one (a reopening records itself in the generation
     * current when it commits); a cursor older than that has lost track and starts from the head.
     */
    public PoolPosition start(PoolReopenings pool) {
        if (after == null || pool.reopens() == reopensSeen) {
            return after;
        }
        Instant floor;
        if (pool.generation() == generationSeen) {
            floor = pool.floor();
        } else if (pool.generation() == generationSeen + 1) {
            floor = earlier(pool.floor(), pool.previousFloor());
        } else {
            return null;
        }
        if (floor == null) {
            // reopened, but no floor recorded where it should be: do not trust the cursor
            return null;
        }
        return floor.isAfter(after.rankAt()) ? after : PoolPosition.before(floor);
    }

    /**
     * The cursor after a claim that started at {@code start} and walked past the annotator's own items up to
     * {@code passed} (null: it passed none), as of {@code pool}, which was read before the walk.
     */
    public static ClaimCursor walked(PoolPosition start, PoolPosition passed, PoolReopenings pool) {
        return new ClaimCursor(passed != null ? passed : start, pool.reopens(), pool.generation());
    }

    private static Instant earlier(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
