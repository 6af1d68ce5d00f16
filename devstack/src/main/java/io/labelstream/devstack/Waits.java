package io.labelstream.devstack;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Polls a condition of a process the launcher does not control (a broker, a service coming up). */
public final class Waits {

    private Waits() {
    }

    /**
     * Waits until {@code condition} holds, checking every {@code interval}; fails with {@code failure}
     * after {@code timeout} or as soon as {@code hopeless} holds (e.g. the process exited).
     */
    public static void until(BooleanSupplier condition, BooleanSupplier hopeless, Duration timeout, Duration interval,
                             String failure) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (hopeless.getAsBoolean() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(failure);
            }
            TimeUnit.MILLISECONDS.sleep(interval.toMillis());
        }
    }
}
