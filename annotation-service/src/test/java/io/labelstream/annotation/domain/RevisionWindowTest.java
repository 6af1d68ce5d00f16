package io.labelstream.annotation.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RevisionWindowTest {

    private static final Instant LEASE_END = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void isOpenDuringTheLeaseAndTheGracePeriodAfterIt() {
        RevisionWindow window = new RevisionWindow(LEASE_END, Duration.ofSeconds(600));
        assertThat(window.isOpenAt(LEASE_END.minusSeconds(1))).isTrue();
        assertThat(window.isOpenAt(LEASE_END.plusSeconds(600))).isTrue();
        assertThat(window.isOpenAt(LEASE_END.plusSeconds(601))).isFalse();
    }

    @Test
    void withoutGraceItClosesWithTheLease() {
        RevisionWindow window = new RevisionWindow(LEASE_END, Duration.ZERO);
        assertThat(window.isOpenAt(LEASE_END)).isTrue();
        assertThat(window.isOpenAt(LEASE_END.plusMillis(1))).isFalse();
    }
}
