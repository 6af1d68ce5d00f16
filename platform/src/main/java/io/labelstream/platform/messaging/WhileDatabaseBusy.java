package io.labelstream.platform.messaging;

import io.labelstream.platform.jdbc.SqlCauses;
import io.labelstream.platform.problem.DatabaseUnavailable;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Applies a consumer's work again, after a pause, for as long as it fails only because the database cannot take
 * it now: no free pooled connection in time, a broken connection, PostgreSQL starting up, a deadlock or a
 * serialization failure. Such a failure says nothing about the records; dead-lettering them for it would lose
 * sound events whenever the database is saturated. Every attempt runs in a transaction of its own that rolled
 * back whole, so trying again is safe, and the inbox makes an attempt that did commit change nothing. Any other
 * failure is thrown at once, for the caller to dead-letter. The consumer waits meanwhile, which is what holds
 * its records back: its offsets are committed only once the work is done.
 */
public final class WhileDatabaseBusy {

    private static final Logger LOG = Logger.getLogger(WhileDatabaseBusy.class);
    // 40001 serialization_failure, 40P01 deadlock_detected: PostgreSQL rolled the transaction back, nothing stays
    private static final Set<String> ROLLED_BACK_STATES = Set.of("40001", "40P01");
    static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private WhileDatabaseBusy() {
    }

    /** Runs {@code work} until it succeeds or fails for another reason than a busy database. */
    public static void run(String what, Runnable work) {
        call(what, () -> {
            work.run();
            return null;
        });
    }

    /** Calls {@code work} until it succeeds or fails for another reason than a busy database. */
    public static <T> T call(String what, Supplier<T> work) {
        return call(what, work, FIRST_PAUSE, LONGEST_PAUSE);
    }

    static <T> T call(String what, Supplier<T> work, Duration firstPause, Duration longestPause) {
        Duration pause = firstPause;
        boolean interrupted = false;
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    return work.get();
                } catch (RuntimeException e) {
                    if (!busy(e)) {
                        throw e;
                    }
                    LOG.warnf("%s: the database cannot take it now (attempt %d), trying again in %d ms: %s", what,
                            attempt, pause.toMillis(), e);
                    interrupted |= pauseFor(pause);
                    Duration doubled = pause.multipliedBy(2);
                    pause = doubled.compareTo(longestPause) > 0 ? longestPause : doubled;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Sleeps; true if the thread was interrupted meanwhile. An interrupt does not end the wait: giving the failure
     * back would dead-letter a sound record. A service that stops ends the process, which leaves the records
     * unacknowledged, to be delivered again; the interrupt is restored once the work is done.
     */
    private static boolean pauseFor(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    /** Whether {@code failure} is the database declining the work for now rather than a fault of the work. */
    static boolean busy(Throwable failure) {
        return DatabaseUnavailable.causes(failure)
                || SqlCauses.any(failure, sql -> ROLLED_BACK_STATES.contains(sql.getSQLState()));
    }
}
