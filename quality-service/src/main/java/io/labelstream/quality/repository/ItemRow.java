package io.labelstream.quality.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.events.ItemDecision;

import java.time.Instant;
import java.util.UUID;

/**
 * An item's quality state.
 *
 * @param annotatorsPerItem the item's own overlap k from ItemIngested, or null when it takes the project's (also
 *                          while the item itself is not known yet, only its labels)
 */
public record ItemRow(
        UUID itemId,
        UUID projectId,
        boolean gold,
        Integer annotatorsPerItem,
        JsonNode referenceAnswer,
        ItemDecision decision,
        JsonNode consensusLabel,
        Double confidence,
        Double agreement,
        String method,
        int labelCount,
        Instant assessedAt) {
}
