package io.labelstream.contracts;

import java.util.UUID;

/** An event record that can travel in an {@link EventEnvelope}. */
public interface EventPayload {

    /** The project the event belongs to. */
    UUID projectId();

    /** The record key on its topic: the aggregate's id. */
    String key();

    /** The envelope's {@code type}; by default the record's simple name. */
    default String type() {
        return getClass().getSimpleName();
    }

    /** The payload schema version. */
    default int version() {
        return 1;
    }
}
