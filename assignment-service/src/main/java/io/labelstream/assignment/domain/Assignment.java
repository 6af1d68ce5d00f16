package io.labelstream.assignment.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One item leased to one annotator.
 *
 * @param counted whether the lease holds one of the item's k slots (regular items only)
 */
public record Assignment(UUID assignmentId, UUID itemId, UUID projectId, String annotatorId, boolean counted,
                         AssignmentStatus status, int schemaVersion, Instant leasedAt, Instant expiresAt) {
}
