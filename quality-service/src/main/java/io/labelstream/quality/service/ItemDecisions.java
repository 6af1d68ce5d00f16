package io.labelstream.quality.service;

import io.labelstream.contracts.events.ItemDecision;
import io.labelstream.contracts.project.ProjectPolicies;
import io.labelstream.quality.config.QualityConfig;
import io.labelstream.quality.domain.policy.ItemDecisionPolicy;
import io.labelstream.quality.domain.policy.ItemOverlap;
import io.labelstream.quality.repository.ItemAssessment;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns an item's consensus into RESOLVED, NEEDS_MORE_LABELS or DISPUTED under the project's policy:
 * at least the item's k labels, RESOLVED at the auto-accept confidence, DISPUTED when agreement falls under
 * the configured share of the target agreement (the annotators are split) or when the item's cap is reached
 * without the confidence; otherwise one more label is asked for. k and the cap are the item's
 * ({@link ItemOverlap}): its own k when it has one, else the project's.
 */
@ApplicationScoped
public class ItemDecisions {

    private final QualityConfig config;

    public ItemDecisions(QualityConfig config) {
        this.config = config;
    }

    public ItemAssessment decide(ProjectPolicies policies, ItemOverlap overlap, ConsensusOutcome outcome,
                                 int labelCount) {
        ItemDecisionPolicy.Policy policy = new ItemDecisionPolicy.Policy(overlap.minLabels(), overlap.maxLabels(),
                policies.autoAcceptConfidence(), policies.targetAgreement() * config.decision().disputeShareOfTarget());
        ItemDecision decision;
        if (outcome.label() == null) {
            decision = ItemDecision.NEEDS_MORE_LABELS;
        } else {
            double agreement = outcome.agreement() == null ? Double.NaN : outcome.agreement();
            decision = ItemDecision.valueOf(
                    ItemDecisionPolicy.decide(outcome.confidence(), labelCount, agreement, policy).name());
        }
        return new ItemAssessment(decision, outcome.label(), outcome.confidence(), outcome.agreement(),
                outcome.method(), labelCount);
    }
}
