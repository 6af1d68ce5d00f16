package io.labelstream.adjudication.domain;

import java.time.Instant;
import java.util.UUID;

/** An item's place in the review queue and what became of it. */
public record ReviewItem(UUID itemId, UUID projectId, ReviewState state, ReviewReason reason, Instant queuedAt,
                         UUID leaseId, String leaseHolder, Instant leaseExpiresAt, String closedBy, Instant closedAt,
                         String note) {

    public boolean leasedAt(Instant now) {
        return leaseId != null && leaseExpiresAt != null && leaseExpiresAt.isAfter(now);
    }

    public boolean leaseHeldBy(UUID lease, String reviewer, Instant now) {
        return state == ReviewState.PENDING && leasedAt(now) && leaseId.equals(lease) && leaseHolder.equals(reviewer);
    }
}
