package io.labelstream.platform.outbox;

/** Fired inside a transaction that wrote outbox rows; observed after commit to wake the relay. */
public record OutboxWritten() {
}
