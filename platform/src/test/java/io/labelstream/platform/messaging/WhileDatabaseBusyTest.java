package io.labelstream.platform.messaging;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WhileDatabaseBusyTest {

    private static final Duration PAUSE = Duration.ofMillis(1);

    @Test
    void workThatFindsTheDatabaseBusyRunsAgainUntilItSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        String result = WhileDatabaseBusy.call("test work", () -> {
            switch (attempts.incrementAndGet()) {
                case 1 -> throw new IllegalStateException("reading failed",
                        new SQLException("Sorry, acquisition timeout!"));
                case 2 -> throw new IllegalStateException("writing failed",
                        new SQLTransientConnectionException("I/O error", "08006"));
                case 3 -> throw new IllegalStateException("writing failed",
                        new SQLException("deadlock detected", "40P01"));
                case 4 -> throw new IllegalStateException("writing failed",
                        new SQLException("could not serialize access", "40001"));
                default -> {
                    return "applied";
                }
            }
        }, PAUSE, PAUSE);
        assertThat(result).isEqualTo("applied");
        assertThat(attempts).hasValue(5);
    }

    @Test
    void aFaultOfTheWorkIsThrownAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        IllegalStateException refused = new IllegalStateException("storing failed",
                new SQLException("duplicate key value", "23505"));
        assertThatThrownBy(() -> WhileDatabaseBusy.call("test work", () -> {
            attempts.incrementAndGet();
            throw refused;
        }, PAUSE, PAUSE)).isSameAs(refused);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void anInterruptWaitsOnAndIsKeptForTheCaller() {
        AtomicInteger attempts = new AtomicInteger();
        Thread.currentThread().interrupt();
        try {
            String result = WhileDatabaseBusy.call("test work", () -> {
                if (attempts.incrementAndGet() < 3) {
                    throw new IllegalStateException("reading failed", new SQLException("Sorry, acquisition timeout!"));
                }
                return "applied";
            }, PAUSE, PAUSE);
            assertThat(result).isEqualTo("applied");
            assertThat(attempts).hasValue(3);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
