package io.labelstream.quality.domain.structured;

/**
 * Precision, recall and F1 of a candidate annotation against a reference, from the matched amount and the
 * two sizes (counts of spans or boxes, or covered lengths for overlap scores). Two empty annotations agree
 * perfectly, so every score is 1 when both sizes are 0.
 */
public record F1Score(double matched, double referenceSize, double candidateSize) {

    public double precision() {
        return candidateSize == 0 ? (referenceSize == 0 ? 1.0 : 0.0) : matched / candidateSize;
    }

    public double recall() {
        return referenceSize == 0 ? (candidateSize == 0 ? 1.0 : 0.0) : matched / referenceSize;
    }

    public double f1() {
        double total = referenceSize + candidateSize;
        return total == 0 ? 1.0 : 2.0 * matched / total;
    }
}
