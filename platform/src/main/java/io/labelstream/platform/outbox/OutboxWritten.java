package io.labelstream.platform.outbox;

/**
 * Fired when outbox rows were written; observed after the commit (at once when fired outside a
 * transaction, after the statement that wrote them) to wake the relay.
 */
public record OutboxWritten() {
}
