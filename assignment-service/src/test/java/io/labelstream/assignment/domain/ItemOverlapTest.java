package io.labelstream.assignment.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ItemOverlapTest {

    @Test
    void anItemsOwnOverlapReplacesTheProjectsK() {
        assertThat(new ItemOverlap(1, 0).baseK(3)).isEqualTo(1);
        assertThat(new ItemOverlap(4, 0).baseK(3)).isEqualTo(4);
    }

    @Test
    void withoutItsOwnOverlapAnItemFollowsTheProject() {
        assertThat(new ItemOverlap(null, 2).baseK(3)).isEqualTo(3);
    }

    @Test
    void moreLabelsStartFromTheItemsOwnOverlap() {
        int baseK = new ItemOverlap(1, 0).baseK(3);
        int raised = Overlap.raised(baseK, 0, 5);
        assertThat(Overlap.required(baseK, raised, 5)).isEqualTo(2);
    }
}
