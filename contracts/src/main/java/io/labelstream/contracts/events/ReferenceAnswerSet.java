package io.labelstream.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.EventPayload;

import java.util.UUID;

/** The known answer of a gold item, for quality-service only. */
public record ReferenceAnswerSet(UUID itemId, UUID projectId, JsonNode answer, int schemaVersion)
        implements EventPayload {

    @Override
    public String key() {
        return itemId.toString();
    }
}
