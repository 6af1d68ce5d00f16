package io.labelstream.platform.outbox;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * When the outbox relay runs its next round. A round that took a full batch may have left rows behind, so the next
 * one goes at once. A round that took less saw every unsent row: looking again before another commit would find
 * nothing, and on a stack of several services such empty rounds (a transaction, the lock and the read each) were a
 * third of all rounds. So the relay waits for a commit of its own instance, or for the idle poll,
 * which catches the rows other replicas committed while one of them held the lock.
 *
 * <p>Once a commit wakes a relay that is busy (its last round published), it lets a few more commits gather for the
 * linger, so that a steady stream of small transactions is not relayed a handful of rows per round. The first
 * event after a quiet spell goes as soon as its commit wakes the relay.
 */
final class RelayPacing {

    /** Why the wait for the next round ended. */
    enum Wake {
        /** The last round took a full batch: more rows may be waiting. */
        FULL_BATCH,
        /** A commit of this instance came after the last round began. */
        COMMIT,
        /** Nothing woke the relay within the idle poll. */
        IDLE_POLL
    }

    private final Semaphore commits = new Semaphore(0);
    private final CountDownLatch shutdown = new CountDownLatch(1);
    private final int batchSize;
    private final Duration idlePoll;
    private final Duration linger;

    RelayPacing(int batchSize, Duration idlePoll, Duration linger) {
        this.batchSize = batchSize;
        this.idlePoll = idlePoll;
        this.linger = linger;
    }

    /** A transaction of this instance committed outbox rows. */
    void committed() {
        commits.release();
    }

    /** Ends every wait at once, for good. */
    void shutDown() {
        shutdown.countDown();
        commits.release();
    }

    /** Waits until the next round is due, after a round that published {@code published} events. */
    Wake awaitNextRound(int published) throws InterruptedException {
        if (published >= batchSize) {
            return Wake.FULL_BATCH;
        }
        boolean woken = commits.tryAcquire(idlePoll.toNanos(), TimeUnit.NANOSECONDS);
        if (woken && published > 0) {
            shutdown.await(linger.toNanos(), TimeUnit.NANOSECONDS);
        }
        // the commits that arrived meanwhile are all read by the coming round
        commits.drainPermits();
        return woken ? Wake.COMMIT : Wake.IDLE_POLL;
    }

    /** Waits out the back-off after a failed round; a commit or the shutdown ends it early. */
    void backOff(Duration backoff) throws InterruptedException {
        commits.tryAcquire(backoff.toNanos(), TimeUnit.NANOSECONDS);
    }
}
