package io.labelstream.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.EventPayload;
import io.labelstream.contracts.project.TaskType;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A model's belief about an item: a probability per label (classification) and/or a proposed label in
 * the project's label shape (any task type).
 *
 * @param crossValidatedF1 the model's cross-validated macro-F1 on the gold it was trained on, when its producer
 *                         knows it; null otherwise. A project's {@code learning.autoLabel} lets only predictions
 *                         whose model reaches its bar become gold, so a prediction without it never does.
 */
public record ModelPrediction(
        UUID itemId,
        UUID projectId,
        String modelId,
        Map<String, Double> distribution,
        JsonNode label,
        Instant predictedAt,
        Double crossValidatedF1) implements EventPayload {

    @Override
    public String key() {
        return itemId.toString();
    }

    /**
     * How sure the model is of its {@code label}: single label, the probability of the chosen label; multi
     * label, the least sure of its per-label calls (p for a label it chose, 1 − p for one it left out). Null
     * for other task types and for a label the distribution does not cover.
     */
    public Double confidence(TaskType taskType) {
        if (label == null || distribution == null || distribution.isEmpty()) {
            return null;
        }
        if (taskType == TaskType.SINGLE_LABEL) {
            JsonNode choice = label.path("choice");
            return choice.isTextual() ? distribution.get(choice.asText()) : null;
        }
        if (taskType != TaskType.MULTI_LABEL || !label.path("choices").isArray()) {
            return null;
        }
        Set<String> chosen = new HashSet<>();
        label.path("choices").forEach(c -> chosen.add(c.asText()));
        if (!distribution.keySet().containsAll(chosen)) {
            return null;
        }
        double least = 1.0;
        for (Map.Entry<String, Double> p : distribution.entrySet()) {
            least = Math.min(least, chosen.contains(p.getKey()) ? p.getValue() : 1 - p.getValue());
        }
        return least;
    }
}
