package io.labelstream.adjudication.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An immutable named snapshot of a project's gold set.
 *
 * @param sha256        hex SHA-256 of the release's NDJSON bytes, as every download serves them
 * @param versionCounts how many labels of each gold version the snapshot holds
 */
public record DatasetRelease(UUID releaseId, UUID projectId, String name, String description, String createdBy,
                             Instant createdAt, long labelCount, String sha256, Map<Integer, Long> versionCounts) {
}
