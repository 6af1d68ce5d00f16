package io.labelstream.quality.domain.agreement;

/** A chance-corrected coefficient (observed - expected) / (1 - expected); NaN when expected agreement is 1. */
public record ChanceCorrectedAgreement(double value, double observedAgreement, double expectedAgreement) {

    static ChanceCorrectedAgreement of(double observed, double expected) {
        double value = expected >= 1.0 - 1e-12 ? Double.NaN : (observed - expected) / (1.0 - expected);
        return new ChanceCorrectedAgreement(value, observed, expected);
    }

    public boolean defined() {
        return !Double.isNaN(value);
    }
}
