package io.labelstream.quality.domain.policy;

/**
 * Whether an item is done, needs another label, or goes to adjudication, checked in this order:
 * <ol>
 *   <li>fewer than {@code minLabels} labels: NEEDS_MORE_LABELS, whatever the confidence;</li>
 *   <li>consensus confidence at or above {@code autoAcceptConfidence}: RESOLVED;</li>
 *   <li>agreement below {@code disputeAgreement}: DISPUTED — the annotators are split, and buying more
 *       labels is less useful than a reviewer (set it to 0 to dispute only at the cap);</li>
 *   <li>{@code maxLabels} reached without the bar: DISPUTED — the label budget is spent;</li>
 *   <li>otherwise NEEDS_MORE_LABELS.</li>
 * </ol>
 * An undefined (NaN) confidence or agreement never satisfies a bar and never triggers a dispute.
 */
public final class ItemDecisionPolicy {

    public enum Decision { RESOLVED, NEEDS_MORE_LABELS, DISPUTED }

    public record Policy(int minLabels, int maxLabels, double autoAcceptConfidence, double disputeAgreement) {

        public Policy {
            if (minLabels < 1 || maxLabels < minLabels) {
                throw new IllegalArgumentException("need 1 <= minLabels <= maxLabels");
            }
            // a bar of 0 is a project's choice to accept every consensus once it has enough labels
            if (!(autoAcceptConfidence >= 0 && autoAcceptConfidence <= 1) || !(disputeAgreement >= 0 && disputeAgreement <= 1)) {
                throw new IllegalArgumentException("confidence bar and dispute agreement in [0, 1]");
            }
        }
    }

    private ItemDecisionPolicy() {
    }

    /**
     * @param confidence consensus confidence of the leading label (posterior or vote share)
     * @param labels     number of labels the item has
     * @param agreement  agreement among those labels, e.g. pairwise agreement
     */
    public static Decision decide(double confidence, int labels, double agreement, Policy policy) {
        if (labels < policy.minLabels()) {
            return Decision.NEEDS_MORE_LABELS;
        }
        if (confidence >= policy.autoAcceptConfidence()) {
            return Decision.RESOLVED;
        }
        if (agreement < policy.disputeAgreement()) {
            return Decision.DISPUTED;
        }
        if (labels >= policy.maxLabels()) {
            return Decision.DISPUTED;
        }
        return Decision.NEEDS_MORE_LABELS;
    }
}
