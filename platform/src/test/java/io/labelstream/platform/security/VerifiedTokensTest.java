package io.labelstream.platform.security;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedTokensTest {

    private final Instant now = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void reusesAVerificationOnlyForTheSameToken() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(10, Duration.ofSeconds(60));
        tokens.remember("token-a", "alice", now.plusSeconds(3600), now);

        assertThat(tokens.find("token-a", now.plusSeconds(1))).contains("alice");
        assertThat(tokens.find("token-b", now.plusSeconds(1))).isEmpty();
    }

    @Test
    void neverReusesPastTheTokensExpiry() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(10, Duration.ofSeconds(60));
        tokens.remember("token-a", "alice", now.plusSeconds(5), now);

        assertThat(tokens.find("token-a", now.plusSeconds(4))).contains("alice");
        assertThat(tokens.find("token-a", now.plusSeconds(5))).isEmpty();
    }

    @Test
    void verifiesAgainAfterTheMaximumAge() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(10, Duration.ofSeconds(60));
        tokens.remember("token-a", "alice", now.plusSeconds(3600), now);

        assertThat(tokens.find("token-a", now.plusSeconds(59))).contains("alice");
        assertThat(tokens.find("token-a", now.plusSeconds(60))).isEmpty();
    }

    @Test
    void anExpiredTokenIsNotKept() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(10, Duration.ofSeconds(60));
        tokens.remember("token-a", "alice", now.minusSeconds(1), now);

        assertThat(tokens.size()).isZero();
    }

    @Test
    void whenFullDropsExpiredEntriesAndOtherwiseKeepsNothingNew() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(2, Duration.ofSeconds(60));
        tokens.remember("short", "bob", now.plusSeconds(1), now);
        tokens.remember("long", "carol", now.plusSeconds(3600), now);

        tokens.remember("new", "dave", now.plusSeconds(3600), now.plusSeconds(2));
        assertThat(tokens.find("new", now.plusSeconds(3))).contains("dave");
        assertThat(tokens.find("long", now.plusSeconds(3))).contains("carol");

        tokens.remember("newer", "erin", now.plusSeconds(3600), now.plusSeconds(3));
        assertThat(tokens.find("newer", now.plusSeconds(4))).isEmpty();
        assertThat(tokens.size()).isEqualTo(2);
    }
}
