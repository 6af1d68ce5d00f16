package io.labelstream.assignment.service;

import java.util.UUID;

/** One event taken from a topic: its envelope's id, which the inbox dedupes on, and its payload. */
public record Delivered<E>(UUID eventId, E event) {
}
