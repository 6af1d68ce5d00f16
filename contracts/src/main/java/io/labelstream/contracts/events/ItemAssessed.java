package io.labelstream.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.EventPayload;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Consensus and decision for an item.
 *
 * @param confidence the consensus' posterior probability (0..1)
 * @param agreement  observed agreement among the item's labels (0..1), null with fewer than two
 * @param method     the truth-inference method that produced the consensus
 */
public record ItemAssessed(
        UUID itemId,
        UUID projectId,
        ItemDecision decision,
        JsonNode consensusLabel,
        double confidence,
        Double agreement,
        String method,
        int labelCount,
        List<UUID> annotationIds,
        int schemaVersion,
        Instant assessedAt) implements EventPayload {

    @Override
    public String key() {
        return itemId.toString();
    }
}
