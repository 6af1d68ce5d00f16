package io.labelstream.quality.domain.agreement;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Share of annotator pairs on one item that gave the same label, sum_l n_l (n_l - 1) / (n (n - 1)) — the
 * per-subject agreement P_i of Fleiss' kappa. NaN with fewer than two labels.
 */
public final class PairwiseAgreement {

    private PairwiseAgreement() {
    }

    public static double of(Collection<String> labels) {
        int n = labels.size();
        if (n < 2) {
            return Double.NaN;
        }
        Map<String, Integer> counts = new HashMap<>();
        labels.forEach(l -> counts.merge(l, 1, Integer::sum));
        double agreeing = 0;
        for (int c : counts.values()) {
            agreeing += (double) c * (c - 1);
        }
        return agreeing / ((double) n * (n - 1));
    }
}
