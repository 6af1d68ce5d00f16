package io.labelstream.quality.domain.agreement;

/**
 * A chance-corrected agreement coefficient with its asymptotic standard error and 95% interval.
 * {@code kappa} is NaN when expected agreement is 1 (every rating in one category): the coefficient is 0/0 there.
 */
public record KappaResult(
        double kappa,
        double observedAgreement,
        double expectedAgreement,
        double standardError,
        double ciLow,
        double ciHigh,
        long n) {

    static final double Z_95 = 1.959963984540054;

    static KappaResult withInterval(double kappa, double observed, double expected, double standardError, long n) {
        return new KappaResult(kappa, observed, expected, standardError,
                kappa - Z_95 * standardError, kappa + Z_95 * standardError, n);
    }

    public boolean defined() {
        return !Double.isNaN(kappa);
    }
}
