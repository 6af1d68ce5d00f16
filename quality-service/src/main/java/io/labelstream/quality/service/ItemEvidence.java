package io.labelstream.quality.service;

import java.util.List;
import java.util.Map;

/**
 * What one item's consensus is computed from: its counted labels and, for the annotators who gave them,
 * their confusion counts against earlier consensus (annotator -> truth -> given -> count), without this
 * item's own contribution.
 */
public record ItemEvidence(List<CountedLabel> labels, Map<String, Map<String, Map<String, Integer>>> confusion) {
}
