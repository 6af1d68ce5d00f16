package io.labelstream.quality.domain.inference;

import java.util.Objects;

/** One categorical answer: an annotator gave an item a label. */
public record Annotation(String item, String annotator, String label) {

    public Annotation {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(annotator, "annotator");
        Objects.requireNonNull(label, "label");
    }
}
