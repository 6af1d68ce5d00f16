package io.labelstream.contracts;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/**
 * The one shape of every record on every topic. The payload stays a JSON tree here so that a consumer
 * can route on {@code type} and {@code version} before binding the payload to its record.
 *
 * @param eventId    unique per event; consumers deduplicate on it
 * @param type       the event's name, e.g. {@code ItemIngested}
 * @param version    the payload's schema version
 * @param occurredAt when the change happened in its source service
 * @param projectId  the project the event belongs to
 * @param key        the record key: the aggregate id (itemId unless the topic says otherwise)
 * @param payload    the event record as JSON
 */
public record EventEnvelope(
        UUID eventId,
        String type,
        int version,
        Instant occurredAt,
        UUID projectId,
        String key,
        JsonNode payload) {
}
