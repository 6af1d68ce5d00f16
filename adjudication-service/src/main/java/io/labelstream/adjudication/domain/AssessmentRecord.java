package io.labelstream.adjudication.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.events.ItemDecision;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The latest consensus quality published for an item. */
public record AssessmentRecord(UUID itemId, ItemDecision decision, JsonNode consensusLabel, double confidence,
                               Double agreement, String method, int labelCount, List<UUID> annotationIds,
                               int schemaVersion, Instant assessedAt) {
}
