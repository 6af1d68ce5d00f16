package io.labelstream.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "labelstream.outbox")
public interface OutboxConfig {

    /** Whether this instance relays; every instance may, an advisory lock lets one at a time. */
    @WithDefault("true")
    boolean relayEnabled();

    /** Rows published per relay transaction. */
    @WithDefault("500")
    int batchSize();

    /** How long the relay waits for a commit before it looks again anyway. */
    @WithDefault("250ms")
    Duration idlePoll();

    /**
     * How long the relay lets events gather when a commit wakes it after a round that published less than a
     * batch. Bounds the delay this adds to an event while commits arrive steadily; the first event after a quiet
     * spell is relayed as soon as its commit wakes the relay. The events of a longer linger reach the consumers
     * downstream together, in one poll batch and one transaction of theirs: a few tens of milliseconds, nothing
     * to a person waiting for a figure, take a quarter of the transactions out of a busy stack.
     */
    @WithDefault("30ms")
    Duration linger();

    /**
     * Rows the relay deletes before it vacuums the outbox table itself; 0 leaves it to autovacuum. A deleted
     * row stays in the unsent index until a vacuum: autovacuum comes about once a minute at best, and after a
     * burst of tens of thousands of events every relay round would walk all of their dead rows.
     */
    @WithDefault("10000")
    int vacuumAfterRows();

    /** Wait after a failed publish before the next attempt. */
    @WithDefault("2s")
    Duration failureBackoff();

    /**
     * Compression of the relay's batches. {@code snappy} compresses in native code at little CPU; the
     * Java {@code lz4} cost a bulk import about a fifth of the service's CPU. {@code zstd} (also native)
     * trades more CPU for smaller topics.
     */
    @WithDefault("snappy")
    String compression();
}
