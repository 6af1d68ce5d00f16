package io.labelstream.assignment.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** A place in the pool's serving order: by rank, then item id. */
public record PoolPosition(Instant rankAt, UUID itemId) {

    private static final UUID LAST_ID = new UUID(-1L, -1L);

    /**
     * The last place before every item ranked at {@code rankAt} or later. The database keeps microseconds, and
     * PostgreSQL orders uuids as unsigned bytes, so the all-ones id is the last of its microsecond.
     */
    public static PoolPosition before(Instant rankAt) {
        return new PoolPosition(rankAt.minus(1, ChronoUnit.MICROS), LAST_ID);
    }
}
