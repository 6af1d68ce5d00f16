package io.labelstream.bench;

import java.util.concurrent.TimeUnit;

/**
 * Holds a replay to a fixed answer rate: the n-th answer's worker waits until n answers are due since the start.
 * A rate below the saturated one shows the pipeline's latency when it is not behind, which the saturated replay
 * cannot (there every answer queues behind the ones before it).
 */
final class AnswerPace {

    private final double answersPerSecond;
    /** When the first answer was given: the project's ingestion before it is not held to the rate. */
    private volatile long startNanos;

    /** @param answersPerSecond the rate to hold; 0 or less: no pacing, as fast as the stack takes them */
    AnswerPace(double answersPerSecond) {
        this.answersPerSecond = answersPerSecond;
    }

    boolean paced() {
        return answersPerSecond > 0;
    }

    /** Called by the worker that just gave the n-th answer (from 1): returns when the next one is due. */
    void answered(int n) {
        if (!paced()) {
            return;
        }
        if (n == 1) {
            startNanos = System.nanoTime();
        }
        long due = startNanos + (long) (n * 1_000_000_000L / answersPerSecond);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                // the replay is being stopped: let the worker see it at its next request
                Thread.currentThread().interrupt();
            }
        }
    }
}
