package io.labelstream.assignment.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.UUID;

/** The item a claim locked, with what the annotator needs to label it. */
public record ClaimedItem(UUID itemId, JsonNode data) {
}
