package io.labelstream.learning.domain;

/** The two label shapes the built-in model learns: one label per item, or a subset of the label set. */
public enum TaskShape {
    SINGLE_LABEL, MULTI_LABEL
}
