package io.labelstream.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.EventPayload;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An item stored and ready to be labeled. Never carries a gold item's answer.
 *
 * @param annotatorsPerItem the item's own overlap k, or null for the project's {@code annotatorsPerItem}
 * @param assignees         annotators the item is reserved for (each takes one of its k slots); empty when
 *                          every slot is open to the pool
 */
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
        Instant ingestedAt,
        Integer annotatorsPerItem,
        List<String> assignees) implements EventPayload {

    public ItemIngested {
        assignees = assignees == null ? List.of() : List.copyOf(assignees);
    }

    /** An item distributed by its project's policy alone: the project's k, every slot open to the pool. */
    public ItemIngested(UUID itemId, UUID projectId, String externalId, ItemKind kind, boolean pilot,
                        boolean qualification, JsonNode data, JsonNode metadata, String contentHash, int schemaVersion,
                        Instant ingestedAt) {
        this(itemId, projectId, externalId, kind, pilot, qualification, data, metadata, contentHash, schemaVersion,
                ingestedAt, null, List.of());
    }

    /** The item's k: its own overlap when it has one, else the project's. */
    public int annotatorsPerItem(int projectAnnotatorsPerItem) {
        return annotatorsPerItem == null ? projectAnnotatorsPerItem : annotatorsPerItem;
    }

    @Override
    public String key() {
        return itemId.toString();
    }
}
