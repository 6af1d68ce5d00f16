package io.labelstream.learning.domain;

import java.util.Set;

/** A training example: an item's text and its gold label names (one for single-label projects). */
public record LabeledText(String text, Set<String> labels) {

    public LabeledText {
        labels = Set.copyOf(labels);
    }
}
