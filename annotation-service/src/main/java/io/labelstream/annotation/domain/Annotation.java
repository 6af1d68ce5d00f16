package io.labelstream.annotation.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/** The stored label of one assignment, at its latest revision. */
public record Annotation(
        UUID annotationId,
        UUID assignmentId,
        UUID itemId,
        UUID projectId,
        String annotatorId,
        JsonNode label,
        Long clientDurationMs,
        long serverDurationMs,
        int schemaVersion,
        int guidelineVersion,
        int revision,
        Instant leaseExpiresAt,
        Instant submittedAt,
        Instant revisedAt) {

    /** Same label as {@code other}: JSON equality, so key order does not matter. */
    public boolean hasLabel(JsonNode other) {
        return label.equals(other);
    }

    public Annotation revisedTo(JsonNode newLabel, Long clientDuration, long serverDuration, Instant at) {
        return new Annotation(annotationId, assignmentId, itemId, projectId, annotatorId, newLabel,
                clientDuration == null ? clientDurationMs : clientDuration, serverDuration, schemaVersion,
                guidelineVersion, revision + 1, leaseExpiresAt, submittedAt, at);
    }
}
