package io.labelstream.quality.service;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.UUID;

/** One label that takes part in an item's consensus; {@code category} is set for categorical task types. */
public record CountedLabel(UUID annotationId, String annotatorId, JsonNode label, String category) {
}
