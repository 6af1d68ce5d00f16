package io.labelstream.adjudication.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.events.ItemDecision;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AssessmentRouterTest {

    private static final JsonNode POS = EventCodec.mapper().createObjectNode().put("choice", "pos");
    private static final JsonNode NEG = EventCodec.mapper().createObjectNode().put("choice", "neg");
    private static final UUID ITEM = UUID.fromString("00000000-0000-0000-0000-000000000001");

    private static Routing route(ItemDecision decision, double confidence, ItemStanding standing, double spotCheckRate,
                                 JsonNode currentGold) {
        return AssessmentRouter.route(ITEM, decision, POS, confidence, standing, 0.8, spotCheckRate, currentGold);
    }

    @Test
    void resolvedAtTheBarIsAccepted() {
        assertThat(route(ItemDecision.RESOLVED, 0.8, ItemStanding.NEW, 0, null)).isEqualTo(Routing.accept());
    }

    @Test
    void resolvedJustUnderTheBarIsReviewedForLowConfidence() {
        assertThat(route(ItemDecision.RESOLVED, 0.7999, ItemStanding.NEW, 0, null))
                .isEqualTo(Routing.queue(ReviewReason.LOW_CONFIDENCE));
    }

    @Test
    void disputedIsReviewedWhateverTheConfidence() {
        assertThat(route(ItemDecision.DISPUTED, 0.99, ItemStanding.NEW, 0, null))
                .isEqualTo(Routing.queue(ReviewReason.DISPUTED));
    }

    @Test
    void needsMoreLabelsWaits() {
        assertThat(route(ItemDecision.NEEDS_MORE_LABELS, 0.99, ItemStanding.NEW, 0, null)).isEqualTo(Routing.keep());
    }

    @Test
    void fullSpotCheckRateSendsEveryConfidentItemToReview() {
        assertThat(route(ItemDecision.RESOLVED, 0.99, ItemStanding.NEW, 1.0, null))
                .isEqualTo(Routing.queue(ReviewReason.SPOT_CHECK));
    }

    @Test
    void reviewerDecisionsAndQueuedItemsAreNeverOverridden() {
        assertThat(route(ItemDecision.RESOLVED, 0.99, ItemStanding.REVIEWER_DECIDED, 0, NEG)).isEqualTo(Routing.keep());
        assertThat(route(ItemDecision.RESOLVED, 0.99, ItemStanding.QUEUED, 0, null)).isEqualTo(Routing.keep());
    }

    @Test
    void consensusGoldMovesToTheNextVersionOnlyWhenTheLabelChanges() {
        assertThat(route(ItemDecision.RESOLVED, 0.95, ItemStanding.CONSENSUS_GOLD, 0, NEG)).isEqualTo(Routing.accept());
        assertThat(route(ItemDecision.RESOLVED, 0.95, ItemStanding.CONSENSUS_GOLD, 0, POS)).isEqualTo(Routing.keep());
    }

    @Test
    void consensusGoldThatLosesConfidenceIsChallenged() {
        assertThat(route(ItemDecision.DISPUTED, 0.5, ItemStanding.CONSENSUS_GOLD, 0, POS))
                .isEqualTo(Routing.queue(ReviewReason.GOLD_CHALLENGED));
    }

    @Test
    void returnedItemIsRoutedLikeANewOne() {
        assertThat(route(ItemDecision.RESOLVED, 0.9, ItemStanding.RETURNED, 0, null)).isEqualTo(Routing.accept());
    }

    @Test
    void unknownProjectSendsToReview() {
        assertThat(AssessmentRouter.route(ITEM, ItemDecision.RESOLVED, POS, 0.99, ItemStanding.NEW, null, 0, null))
                .isEqualTo(Routing.queue(ReviewReason.PROJECT_UNKNOWN));
    }
}
