package io.labelstream.learning.domain;

/** Cross-validated quality of a model on the gold it was trained on; {@code folds} 0 when too few labels. */
public record ModelMetrics(double macroF1, double accuracy, int folds) {
}
