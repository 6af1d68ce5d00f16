package io.labelstream.assignment.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.project.LabelingSchema;

import java.time.Instant;
import java.util.UUID;

/**
 * A leased task as the annotator sees it. Gold and regular items produce exactly the same fields: the
 * item's kind, its external id and its metadata are never included, since any of them could tell.
 */
public record TaskLease(
        UUID assignmentId,
        UUID projectId,
        UUID itemId,
        JsonNode data,
        LabelingSchema schema,
        int schemaVersion,
        int guidelineVersion,
        String assignmentToken,
        Instant leasedAt,
        Instant leaseExpiresAt) {
}
