package io.labelstream.adjudication.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/** The latest revision of one annotation of an item. */
public record AnnotationRecord(UUID annotationId, UUID itemId, String annotatorId, JsonNode label, int revision,
                               int schemaVersion, int guidelineVersion, Instant submittedAt) {
}
