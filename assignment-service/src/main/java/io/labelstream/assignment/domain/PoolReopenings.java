package io.labelstream.assignment.domain;

import java.time.Instant;

/**
 * What a project's pool says about items that became claimable again behind the cursors (a freed slot, a
 * raised overlap, an earlier rank): how many such events there were, the current generation, and the earliest
 * rank reopened in this generation and in the one before (null when none).
 */
public record PoolReopenings(long reopens, long generation, Instant floor, Instant previousFloor) {

    public static final PoolReopenings NONE = new PoolReopenings(0, 0, null, null);
}
