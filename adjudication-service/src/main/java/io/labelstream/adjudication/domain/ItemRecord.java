package io.labelstream.adjudication.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/** An item as ingested, as much of it as reviewers need to decide. */
public record ItemRecord(UUID itemId, UUID projectId, String externalId, String kind, JsonNode data, JsonNode metadata,
                         Integer schemaVersion, Instant ingestedAt) {
}
