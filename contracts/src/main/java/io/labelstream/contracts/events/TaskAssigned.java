package io.labelstream.contracts.events;

import io.labelstream.contracts.EventPayload;

import java.time.Instant;
import java.util.UUID;

/** An item leased to an annotator until {@code leaseExpiresAt}. */
public record TaskAssigned(
        UUID assignmentId,
        UUID itemId,
        UUID projectId,
        String annotatorId,
        int schemaVersion,
        Instant leasedAt,
        Instant leaseExpiresAt) implements EventPayload {

    @Override
    public String key() {
        return itemId.toString();
    }
}
