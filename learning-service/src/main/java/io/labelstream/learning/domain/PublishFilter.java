package io.labelstream.learning.domain;

/**
 * Whether a new prediction for an item is worth publishing: when the item has none yet, its label changed,
 * or its uncertainty moved by at least {@code minUncertaintyChange}. Assignment ranks by uncertainty, so a
 * smaller move hardly changes the order; skipping it keeps a retrain of a large project from flooding the
 * predictions topic.
 */
public final class PublishFilter {

    private PublishFilter() {
    }

    public static boolean worthPublishing(String previousLabel, Double previousUncertainty, String label,
                                          double uncertainty, double minUncertaintyChange) {
        if (previousLabel == null || previousUncertainty == null) {
            return true;
        }
        return !previousLabel.equals(label) || Math.abs(previousUncertainty - uncertainty) >= minUncertaintyChange;
    }
}
