package io.labelstream.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.EventPayload;

import java.time.Instant;
import java.util.UUID;

/**
 * A label given by an annotator for an assignment; {@code revision} 0 is the first submission and
 * each AnnotationRevised carries the next one (same annotation id, latest revision wins).
 *
 * @param clientDurationMs time the client measured, if it sent one
 * @param serverDurationMs time from the lease to the submission, measured by the server
 */
public record AnnotationSubmitted(
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
        Instant submittedAt) implements EventPayload {

    public static final String SUBMITTED = "AnnotationSubmitted";
    public static final String REVISED = "AnnotationRevised";

    @Override
    public String key() {
        return itemId.toString();
    }

    @Override
    public String type() {
        return revision == 0 ? SUBMITTED : REVISED;
    }
}
