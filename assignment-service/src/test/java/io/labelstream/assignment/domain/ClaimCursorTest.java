package io.labelstream.assignment.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ClaimCursorTest {

    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");
    private static final PoolPosition AT = new PoolPosition(T, UUID.randomUUID());

    @Test
    void withoutReopeningsTheCursorStandsWhateverTheGeneration() {
        ClaimCursor cursor = new ClaimCursor(AT, 4, 1);
        assertThat(cursor.start(new PoolReopenings(4, 9, T.minusSeconds(60), null))).isEqualTo(AT);
    }

    @Test
    void aReopeningBehindTheCursorStartsTheClaimJustBeforeIt() {
        ClaimCursor cursor = new ClaimCursor(AT, 4, 1);
        PoolPosition start = cursor.start(new PoolReopenings(5, 1, T.minusSeconds(60), null));
        assertThat(start).isEqualTo(PoolPosition.before(T.minusSeconds(60)));
        assertThat(start.rankAt()).isBefore(T.minusSeconds(60));
    }

    @Test
    void aReopeningAtTheCursorsOwnRankStartsBeforeThatRank() {
        ClaimCursor cursor = new ClaimCursor(AT, 4, 1);
        assertThat(cursor.start(new PoolReopenings(5, 1, T, null))).isEqualTo(PoolPosition.before(T));
    }

    @Test
    void aReopeningAheadOfTheCursorLeavesIt() {
        ClaimCursor cursor = new ClaimCursor(AT, 4, 1);
        assertThat(cursor.start(new PoolReopenings(5, 1, T.plusSeconds(1), null))).isEqualTo(AT);
    }

    @Test
    void oneGenerationLaterBothFloorsCount() {
        ClaimCursor cursor = new ClaimCursor(AT, 4, 1);
        assertThat(cursor.start(new PoolReopenings(6, 2, T.plusSeconds(5), T.minusSeconds(5))))
                .isEqualTo(PoolPosition.before(T.minusSeconds(5)));
        assertThat(cursor.start(new PoolReopenings(6, 2, T.minusSeconds(7), null)))
                .isEqualTo(PoolPosition.before(T.minusSeconds(7)));
    }

    @Test
    void aCursorOlderThanTwoGenerationsStartsFromTheHead() {
        ClaimCursor cursor = new ClaimCursor(AT, 4, 1);
        assertThat(cursor.start(new PoolReopenings(6, 3, T.plusSeconds(5), T.plusSeconds(5)))).isNull();
    }

    @Test
    void reopeningsWithoutAFloorAreNotTrusted() {
        ClaimCursor cursor = new ClaimCursor(AT, 4, 1);
        assertThat(cursor.start(new PoolReopenings(6, 1, null, null))).isNull();
    }

    @Test
    void theHeadStaysTheHead() {
        assertThat(ClaimCursor.HEAD.start(new PoolReopenings(6, 3, T, T))).isNull();
    }

    @Test
    void aWalkMovesTheCursorToTheLastItemItPassedAndRemembersThePool() {
        PoolReopenings pool = new PoolReopenings(7, 2, null, null);
        PoolPosition passed = new PoolPosition(T.plusSeconds(3), UUID.randomUUID());
        assertThat(ClaimCursor.walked(AT, passed, pool)).isEqualTo(new ClaimCursor(passed, 7, 2));
        assertThat(ClaimCursor.walked(AT, null, pool)).isEqualTo(new ClaimCursor(AT, 7, 2));
        assertThat(ClaimCursor.walked(null, null, pool)).isEqualTo(new ClaimCursor(null, 7, 2));
    }

    @Test
    void theLastPlaceBeforeARankIsBeforeEveryItemOfThatRank() {
        PoolPosition before = PoolPosition.before(T);
        assertThat(before.rankAt()).isEqualTo(T.minusNanos(1000));
        assertThat(before.itemId()).isEqualTo(UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff"));
    }
}
