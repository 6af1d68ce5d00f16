package io.labelstream.annotation.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Map;

/** The latest model prediction for an item, offered to its annotator as a starting point. */
public record Suggestion(String modelId, JsonNode label, Map<String, Double> distribution, Instant predictedAt) {
}
