package io.labelstream.quality.service;

import io.labelstream.quality.domain.inference.CrowdPrior;

import java.util.List;
import java.util.Map;

/**
 * What one item's consensus is computed from: its counted labels and, for the annotators who gave them,
 * their soft confusion counts against earlier assessments (annotator -> truth -> given -> mass), without this
 * item's own contribution; and for Dawid–Skene the project's fitted crowd model, null until the first fit.
 * When a crowd-model fit decides the item, {@code fitted} is the fit's posterior over its categories (else null).
 */
public record ItemEvidence(List<CountedLabel> labels, Map<String, Map<String, Map<String, Double>>> confusion,
                           CrowdPrior crowd, Map<String, Double> fitted) {
}
