package io.labelstream.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.EventPayload;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A verified label on the compacted {@code labeling.gold} topic, keyed by item id. A correction publishes
 * the next version; an item taken out of the dataset publishes a tombstone (null value).
 *
 * @param reviewerId who decided, when a reviewer did
 * @param modelId    the model whose prediction became the label, when a model did ({@link DecidedBy#MODEL})
 */
public record GoldLabel(
        UUID itemId,
        UUID projectId,
        String externalId,
        JsonNode label,
        int version,
        DecidedBy decidedBy,
        String reviewerId,
        double confidence,
        List<UUID> annotationIds,
        int schemaVersion,
        int guidelineVersion,
        Instant decidedAt,
        String modelId) implements EventPayload {

    @Override
    public String key() {
        return itemId.toString();
    }
}
