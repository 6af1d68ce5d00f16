package io.labelstream.quality.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.events.AnnotatorStatus;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The latest revision of one annotation with the contributions it last made to its annotator's aggregates.
 *
 * @param credited        what the label last credited to its annotator's confusion counts, true category -> mass
 *                        (empty when it credited nothing)
 * @param annotatorStatus the annotator's current status (labels of QUARANTINED annotators do not count)
 */
public record LabelRow(
        UUID annotationId,
        UUID itemId,
        UUID projectId,
        String annotatorId,
        JsonNode label,
        String category,
        int revision,
        long serverDurationMs,
        Long clientDurationMs,
        Instant submittedAt,
        boolean tooFast,
        Double goldScore,
        Double consensusScore,
        Double peerScore,
        Map<String, Double> credited,
        AnnotatorStatus annotatorStatus) {
}
