package io.labelstream.quality.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.events.ItemDecision;
import io.labelstream.quality.repository.ItemRow;

import java.time.Instant;
import java.util.UUID;

/**
 * An item's quality as dashboards see it; a gold item's reference answer is never shown.
 *
 * @param annotatorsPerItem the item's own overlap k, null when it takes the project's
 */
public record ItemQualityView(
        UUID itemId,
        UUID projectId,
        boolean gold,
        Integer annotatorsPerItem,
        ItemDecision decision,
        JsonNode consensusLabel,
        Double confidence,
        Double agreement,
        String method,
        int labelCount,
        Instant assessedAt) {

    static ItemQualityView of(ItemRow row) {
        return new ItemQualityView(row.itemId(), row.projectId(), row.gold(), row.annotatorsPerItem(), row.decision(),
                row.consensusLabel(), row.confidence(), row.agreement(), row.method(), row.labelCount(),
                row.assessedAt());
    }
}
