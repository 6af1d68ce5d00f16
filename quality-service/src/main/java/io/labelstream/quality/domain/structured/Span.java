package io.labelstream.quality.domain.structured;

import java.util.Objects;

/** A labelled half-open range [start, end) of a text, in characters or token indices as the task defines. */
public record Span(int start, int end, String label) {

    public Span {
        Objects.requireNonNull(label, "label");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("span needs 0 <= start < end, got [" + start + ", " + end + ")");
        }
    }

    public int length() {
        return end - start;
    }

    public int overlap(Span other) {
        return Math.max(0, Math.min(end, other.end) - Math.max(start, other.start));
    }
}
