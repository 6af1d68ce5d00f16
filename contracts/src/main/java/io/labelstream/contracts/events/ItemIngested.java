package io.labelstream.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.EventPayload;

import java.time.Instant;
import java.util.UUID;

/** An item stored and ready to be labeled. Never carries a gold item's answer. */
public record ItemIngested(
        UUID itemId,
        UUID projectId,
        String externalId,
        ItemKind kind,
        boolean pilot,
        boolean qualification,
        JsonNode data,
        JsonNode metadata,
        String contentHash,
        int schemaVersion,
        Instant ingestedAt) implements EventPayload {

    @Override
    public String key() {
        return itemId.toString();
    }
}
