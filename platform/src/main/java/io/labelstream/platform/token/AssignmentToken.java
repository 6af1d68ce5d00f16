package io.labelstream.platform.token;

import java.time.Instant;
import java.util.UUID;

/** What an assignment token vouches for: this annotator may label this item until {@code expiresAt}. */
public record AssignmentToken(
        UUID assignmentId,
        UUID itemId,
        UUID projectId,
        String annotatorId,
        int schemaVersion,
        Instant leasedAt,
        Instant expiresAt) {
}
