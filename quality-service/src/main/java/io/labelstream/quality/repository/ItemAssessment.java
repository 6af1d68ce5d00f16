package io.labelstream.quality.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.events.ItemDecision;

/** What an item's latest assessment stores; decision null while the item waits for its first k labels. */
public record ItemAssessment(
        ItemDecision decision,
        JsonNode consensusLabel,
        Double confidence,
        Double agreement,
        String method,
        int labelCount) {
}
