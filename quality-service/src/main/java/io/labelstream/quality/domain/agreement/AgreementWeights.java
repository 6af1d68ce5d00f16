package io.labelstream.quality.domain.agreement;

/**
 * Agreement weights for ordered categories, w(i,j) in [0,1] with w(i,i) = 1
 * (Cohen 1968, "Weighted kappa"). Unweighted kappa is the identity weighting.
 */
public enum AgreementWeights {
    /** 1 on the diagonal, 0 elsewhere: plain Cohen's kappa. */
    IDENTITY,
    /** 1 - |i-j|/(k-1). */
    LINEAR,
    /** 1 - ((i-j)/(k-1))^2, the weighting under which kappa approximates the ICC (Fleiss and Cohen 1973). */
    QUADRATIC;

    double weight(int i, int j, int categories) {
        if (i == j) {
            return 1.0;
        }
        if (this == IDENTITY || categories < 2) {
            return 0.0;
        }
        double distance = Math.abs(i - j) / (double) (categories - 1);
        return this == LINEAR ? 1.0 - distance : 1.0 - distance * distance;
    }
}
