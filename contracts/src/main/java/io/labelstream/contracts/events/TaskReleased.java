package io.labelstream.contracts.events;

import io.labelstream.contracts.EventPayload;

import java.time.Instant;
import java.util.UUID;

/** A lease ended without a label; the item goes back to the pool, never to the same annotator. */
public record TaskReleased(
        UUID assignmentId,
        UUID itemId,
        UUID projectId,
        String annotatorId,
        ReleaseReason reason,
        String note,
        Instant releasedAt) implements EventPayload {

    @Override
    public String key() {
        return itemId.toString();
    }
}
