package io.labelstream.quality.domain.inference;

import java.util.Map;

/**
 * The label a method settles on for an item, with its confidence (the posterior probability of that label
 * for the probabilistic methods, the vote share for the voting ones) and the full distribution over labels.
 */
public record InferredLabel(String label, double confidence, Map<String, Double> distribution) {

    public InferredLabel {
        distribution = Map.copyOf(distribution);
    }
}
