package io.labelstream.platform.outbox;

import io.labelstream.platform.outbox.RelayPacing.Wake;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** When the relay's next round comes: at once after a full batch, otherwise on a commit or the idle poll. */
class RelayPacingTest {

    private static final int BATCH = 500;

    @Test
    void aFullBatchIsFollowedAtOnceEvenWithoutACommit() throws InterruptedException {
        RelayPacing pacing = new RelayPacing(BATCH, Duration.ofHours(1), Duration.ofHours(1));

        assertThat(pacing.awaitNextRound(BATCH)).isEqualTo(Wake.FULL_BATCH);
    }

    @Test
    void aRoundThatSawEveryUnsentRowIsFollowedOnlyByTheIdlePollWhenNothingCommits() throws InterruptedException {
        RelayPacing pacing = new RelayPacing(BATCH, Duration.ofMillis(20), Duration.ZERO);

        assertThat(pacing.awaitNextRound(3)).isEqualTo(Wake.IDLE_POLL);
        assertThat(pacing.awaitNextRound(0)).isEqualTo(Wake.IDLE_POLL);
    }

    @Test
    void aCommitDuringTheRoundBringsTheNextOne() throws InterruptedException {
        RelayPacing pacing = new RelayPacing(BATCH, Duration.ofHours(1), Duration.ZERO);

        pacing.committed();
        assertThat(pacing.awaitNextRound(0)).isEqualTo(Wake.COMMIT);
        pacing.committed();
        assertThat(pacing.awaitNextRound(7)).isEqualTo(Wake.COMMIT);
    }

    @Test
    void manyCommitsBeforeOneRoundBringOneRoundNotOneEach() throws InterruptedException {
        RelayPacing pacing = new RelayPacing(BATCH, Duration.ofMillis(20), Duration.ZERO);

        for (int i = 0; i < 10; i++) {
            pacing.committed();
        }
        assertThat(pacing.awaitNextRound(0)).isEqualTo(Wake.COMMIT);
        assertThat(pacing.awaitNextRound(10)).isEqualTo(Wake.IDLE_POLL);
    }

    @Test
    void shuttingDownEndsTheWaitAndTheLinger() throws InterruptedException {
        RelayPacing pacing = new RelayPacing(BATCH, Duration.ofHours(1), Duration.ofHours(1));

        pacing.shutDown();
        assertThat(pacing.awaitNextRound(5)).isEqualTo(Wake.COMMIT);
    }
}
