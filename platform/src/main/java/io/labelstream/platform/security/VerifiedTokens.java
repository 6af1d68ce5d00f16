package io.labelstream.platform.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens already verified, with what their verification produced. A client sends the same
 * token with every request until it expires, and checking its RSA signature each time is the largest
 * single cost of a small request. An entry is reused only for the identical token string, never past the
 * token's own expiry, and at most {@code maxAge} after it was verified, which bounds how long a token
 * keeps passing after its signing key is replaced. The number of entries is bounded: when full, expired
 * entries are dropped, and if none are, the new token is verified but not kept.
 */
public final class VerifiedTokens<T> {

    private record Entry<T>(T value, Instant reusableUntil) {
    }

    private final Map<String, Entry<T>> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final Duration maxAge;

    public VerifiedTokens(int maxEntries, Duration maxAge) {
        this.maxEntries = maxEntries;
        this.maxAge = maxAge;
    }

    /** What verifying {@code token} produced, if it was verified and may still be reused at {@code now}. */
    public Optional<T> find(String token, Instant now) {
        Entry<T> entry = entries.get(token);
        if (entry == null) {
            return Optional.empty();
        }
        if (!now.isBefore(entry.reusableUntil())) {
            entries.remove(token, entry);
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    /** Keeps the result of a successful verification at {@code now} of a token that expires at {@code expiresAt}. */
    public void remember(String token, T value, Instant expiresAt, Instant now) {
        Instant until = now.plus(maxAge);
        if (expiresAt.isBefore(until)) {
            until = expiresAt;
        }
        if (!now.isBefore(until)) {
            return;
        }
        if (entries.size() >= maxEntries) {
            Instant at = now;
            entries.values().removeIf(entry -> !at.isBefore(entry.reusableUntil()));
            if (entries.size() >= maxEntries) {
                return;
            }
        }
        entries.put(token, new Entry<>(value, until));
    }

    public int size() {
        return entries.size();
    }
}
