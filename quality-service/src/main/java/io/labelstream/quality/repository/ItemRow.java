package io.labelstream.quality.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.events.ItemDecision;

import java.time.Instant;
import java.util.UUID;

/** An item's quality state. */
public record ItemRow(
        UUID itemId,
        UUID projectId,
        boolean gold,
        JsonNode referenceAnswer,
        ItemDecision decision,
        JsonNode consensusLabel,
        Double confidence,
        Double agreement,
        String method,
        int labelCount,
        Instant assessedAt) {
}
