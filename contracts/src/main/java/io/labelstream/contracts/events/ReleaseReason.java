package io.labelstream.contracts.events;

/** Why a lease ended without a label. */
public enum ReleaseReason {
    SKIPPED, EXPIRED, PROJECT_CLOSED
}
