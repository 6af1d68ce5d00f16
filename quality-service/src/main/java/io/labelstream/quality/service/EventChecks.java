package io.labelstream.quality.service;

import io.labelstream.contracts.MalformedEventException;

/** Rejects events that bound to their record but lack what quality needs, so they are dead-lettered. */
final class EventChecks {

    private EventChecks() {
    }

    static <T> T require(T value, String field) {
        if (value == null) {
            throw new MalformedEventException("event lacks " + field);
        }
        return value;
    }
}
