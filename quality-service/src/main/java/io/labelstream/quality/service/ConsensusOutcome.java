package io.labelstream.quality.service;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.UUID;

/**
 * An item's consensus over its counted labels.
 *
 * @param category        the consensus as a category, for categorical task types (else null)
 * @param agreement       observed agreement among the labels (0..1), null with fewer than two
 * @param consensusScores per annotation: its agreement with the consensus (0..1)
 * @param peerScores      per annotation: its mean agreement with the item's other labels (absent when alone)
 * @param credit          for categorical task types, what each label credits to its annotator's confusion
 *                        counts: the probability of each true category (Dawid–Skene's posterior, or all of it
 *                        on the consensus for the other methods); empty otherwise
 */
public record ConsensusOutcome(
        JsonNode label,
        String category,
        double confidence,
        Double agreement,
        String method,
        Map<UUID, Double> consensusScores,
        Map<UUID, Double> peerScores,
        Map<String, Double> credit) {
}
