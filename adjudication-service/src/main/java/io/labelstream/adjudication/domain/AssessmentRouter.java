package io.labelstream.adjudication.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.events.ItemDecision;

import java.util.Objects;
import java.util.UUID;

/**
 * Decides what an item assessment means for the dataset.
 * <ul>
 *   <li>Resolved at or above the confidence bar: gold by consensus, unless the item falls in the spot-check
 *       sample, which goes to review first (it becomes gold once a reviewer decides).</li>
 *   <li>Resolved under the bar, or disputed: review queue.</li>
 *   <li>Already gold by consensus: a confident new consensus with another label is the next version; a
 *       consensus that is no longer confident or is disputed sends the item to review (the gold stays until
 *       a reviewer decides).</li>
 *   <li>Decided by a reviewer, or queued for one: a reviewer has the last word, nothing changes.</li>
 * </ul>
 */
public final class AssessmentRouter {

    private AssessmentRouter() {
    }

    /**
     * @param autoAcceptConfidence the project's bar, or null when the project is not known yet
     * @param currentGoldLabel     the current consensus gold label when {@code standing} is CONSENSUS_GOLD
     */
    public static Routing route(UUID itemId, ItemDecision decision, JsonNode consensus, double confidence,
                                ItemStanding standing, Double autoAcceptConfidence, double spotCheckRate,
                                JsonNode currentGoldLabel) {
        if (standing == ItemStanding.REVIEWER_DECIDED || standing == ItemStanding.QUEUED
                || decision == ItemDecision.NEEDS_MORE_LABELS) {
            return Routing.keep();
        }
        if (autoAcceptConfidence == null) {
            return standing == ItemStanding.CONSENSUS_GOLD ? Routing.keep() : Routing.queue(ReviewReason.PROJECT_UNKNOWN);
        }
        boolean confident = decision == ItemDecision.RESOLVED && consensus != null && !consensus.isNull()
                && confidence >= autoAcceptConfidence;
        if (standing == ItemStanding.CONSENSUS_GOLD) {
            if (!confident) {
                return Routing.queue(ReviewReason.GOLD_CHALLENGED);
            }
            return Objects.equals(consensus, currentGoldLabel) ? Routing.keep() : Routing.accept();
        }
        if (decision == ItemDecision.DISPUTED) {
            return Routing.queue(ReviewReason.DISPUTED);
        }
        if (!confident) {
            return Routing.queue(ReviewReason.LOW_CONFIDENCE);
        }
        return SpotCheckSampler.sampled(itemId, spotCheckRate) ? Routing.queue(ReviewReason.SPOT_CHECK) : Routing.accept();
    }
}
