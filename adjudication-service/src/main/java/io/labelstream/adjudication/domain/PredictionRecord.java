package io.labelstream.adjudication.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** A model's latest prediction for an item. */
public record PredictionRecord(String modelId, JsonNode distribution, JsonNode label, Instant predictedAt) {
}
