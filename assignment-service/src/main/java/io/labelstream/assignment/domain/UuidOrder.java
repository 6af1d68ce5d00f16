package io.labelstream.assignment.domain;

import java.util.Comparator;
import java.util.UUID;

/**
 * Uuids in the order PostgreSQL sorts them: byte by byte, unsigned. {@link UUID#compareTo} compares signed halves
 * and disagrees for half of all pairs, so rows locked one at a time in that order could meet a statement that
 * locks the same rows in the database's order (a lease expiry, a poll batch's item locks) in a cycle.
 */
public final class UuidOrder {

    public static final Comparator<UUID> DATABASE = (a, b) -> {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    };

    private UuidOrder() {
    }
}
