package io.labelstream.contracts.events;

import io.labelstream.contracts.EventPayload;

import java.time.Instant;
import java.util.UUID;

/** An assignment answered by an annotation. */
public record TaskCompleted(
        UUID assignmentId,
        UUID itemId,
        UUID projectId,
        String annotatorId,
        UUID annotationId,
        Instant completedAt) implements EventPayload {

    @Override
    public String key() {
        return itemId.toString();
    }
}
