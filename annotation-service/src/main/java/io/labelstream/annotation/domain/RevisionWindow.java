package io.labelstream.annotation.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * When an annotation may still be revised: while its lease runs and for the project's grace period
 * after the lease ended ({@code ProjectPolicies.revisionGraceSeconds}).
 */
public record RevisionWindow(Instant leaseExpiresAt, Duration grace) {

    public Instant closesAt() {
        return leaseExpiresAt.plus(grace);
    }

    public boolean isOpenAt(Instant now) {
        return !now.isAfter(closesAt());
    }
}
