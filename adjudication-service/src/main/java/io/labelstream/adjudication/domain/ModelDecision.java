package io.labelstream.adjudication.domain;

import io.labelstream.contracts.project.LearningPolicy;

import java.util.UUID;

/**
 * Whether a model's prediction becomes an item's gold label (model pre-labelling). Only where the project
 * switched {@code learning.autoLabel} on, only for a model whose cross-validated macro-F1 reaches the project's
 * bar, only for a prediction at least as confident as the project asks, and only for a regular item nobody has
 * labelled or decided yet: a model never overrides a person. A share of the decisions, the same items on every
 * replay ({@link SpotCheckSampler}), goes to reviewers as a spot check.
 */
public final class ModelDecision {

    public enum Outcome { NONE, DECIDE, DECIDE_AND_SPOT_CHECK }

    private ModelDecision() {
    }

    /**
     * @param standing   what adjudication holds for the item; only {@link ItemStanding#NEW} may be decided
     * @param regular    whether the item is a regular one (gold items keep measuring annotators)
     * @param annotated  whether any annotation of the item has arrived
     * @param modelF1    the predicting model's cross-validated macro-F1, null when its producer did not say
     * @param confidence the prediction's confidence in its label, null when it has none
     */
    public static Outcome of(UUID itemId, LearningPolicy.AutoLabel policy, ItemStanding standing, boolean regular,
                             boolean annotated, Double modelF1, Double confidence) {
        if (policy == null || standing != ItemStanding.NEW || !regular || annotated
                || modelF1 == null || modelF1 < policy.minCrossValidatedF1()
                || confidence == null || confidence < policy.minConfidence()) {
            return Outcome.NONE;
        }
        return SpotCheckSampler.sampled(itemId, policy.spotCheckRate()) ? Outcome.DECIDE_AND_SPOT_CHECK : Outcome.DECIDE;
    }
}
