package io.labelstream.quality.domain.policy;

import io.labelstream.quality.domain.policy.ItemDecisionPolicy.Decision;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ItemOverlapTest {

    @Test
    void anItemWithoutItsOwnKTakesTheProjects() {
        assertThat(ItemOverlap.of(null, 3, 5)).isEqualTo(new ItemOverlap(3, 5));
    }

    @Test
    void anItemsOwnKReplacesTheProjectsUnderTheProjectsCap() {
        assertThat(ItemOverlap.of(1, 3, 5)).isEqualTo(new ItemOverlap(1, 5));
        assertThat(ItemOverlap.of(4, 3, 5)).isEqualTo(new ItemOverlap(4, 5));
        assertThat(ItemOverlap.of(5, 3, 5)).isEqualTo(new ItemOverlap(5, 5));
    }

    @Test
    void theCapNeverFallsBelowTheItemsOwnK() {
        assertThat(ItemOverlap.of(7, 3, 5)).isEqualTo(new ItemOverlap(7, 7));
        // a project whose cap is below its own k still lets its items reach k
        assertThat(ItemOverlap.of(null, 3, 2)).isEqualTo(new ItemOverlap(3, 3));
    }

    @Test
    void aKBelowOneNeverDecidesAnItemWithoutLabels() {
        assertThat(ItemOverlap.of(0, 3, 5)).isEqualTo(new ItemOverlap(3, 5));
        assertThat(ItemOverlap.of(-2, 3, 5)).isEqualTo(new ItemOverlap(3, 5));
        assertThat(ItemOverlap.of(null, 0, 0)).isEqualTo(new ItemOverlap(1, 1));
        assertThatThrownBy(() -> new ItemOverlap(0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ItemOverlap(4, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anItemWaitsForItsOwnFirstKLabels() {
        assertThat(ItemOverlap.of(1, 3, 5).waitsForFirstLabels(0)).isTrue();
        assertThat(ItemOverlap.of(1, 3, 5).waitsForFirstLabels(1)).isFalse();
        assertThat(ItemOverlap.of(4, 3, 5).waitsForFirstLabels(3)).isTrue();
        assertThat(ItemOverlap.of(4, 3, 5).waitsForFirstLabels(4)).isFalse();
        assertThat(ItemOverlap.of(null, 3, 5).waitsForFirstLabels(2)).isTrue();
        assertThat(ItemOverlap.of(null, 3, 5).waitsForFirstLabels(3)).isFalse();
    }

    @Test
    void decisionsFollowTheItemsKAndCap() {
        // a bar of 0 accepts every consensus, so NEEDS_MORE_LABELS can only mean "fewer than k"
        assertThat(decide(1, 1.0, 1, 0.0)).isEqualTo(Decision.RESOLVED);
        assertThat(decide(4, 1.0, 3, 0.0)).isEqualTo(Decision.NEEDS_MORE_LABELS);
        assertThat(decide(4, 1.0, 4, 0.0)).isEqualTo(Decision.RESOLVED);
        // without the confidence an item of own k 7 in a project capped at 5 is disputed at 7 labels, not 5
        assertThat(decide(7, 0.6, 5, 0.9)).isEqualTo(Decision.NEEDS_MORE_LABELS);
        assertThat(decide(7, 0.6, 6, 0.9)).isEqualTo(Decision.NEEDS_MORE_LABELS);
        assertThat(decide(7, 0.6, 7, 0.9)).isEqualTo(Decision.DISPUTED);
        // an item of own k 1 reaches the project's cap of 5 like any other
        assertThat(decide(1, 0.6, 4, 0.9)).isEqualTo(Decision.NEEDS_MORE_LABELS);
        assertThat(decide(1, 0.6, 5, 0.9)).isEqualTo(Decision.DISPUTED);
    }

    /** An item of the given own k in a project of k 3 and cap 5, with full agreement so nothing is split. */
    private static Decision decide(int ownK, double confidence, int labels, double autoAcceptConfidence) {
        ItemOverlap overlap = ItemOverlap.of(ownK, 3, 5);
        ItemDecisionPolicy.Policy policy = new ItemDecisionPolicy.Policy(overlap.minLabels(), overlap.maxLabels(),
                autoAcceptConfidence, 0.3);
        return ItemDecisionPolicy.decide(confidence, labels, 1.0, policy);
    }
}
