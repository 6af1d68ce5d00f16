package io.labelstream.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.EventPayload;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A model's belief about an item: a probability per label (classification) and/or a proposed label in
 * the project's label shape (any task type).
 */
public record ModelPrediction(
        UUID itemId,
        UUID projectId,
        String modelId,
        Map<String, Double> distribution,
        JsonNode label,
        Instant predictedAt) implements EventPayload {

    @Override
    public String key() {
        return itemId.toString();
    }
}
