package io.labelstream.ingestion.repository;

import io.labelstream.contracts.events.ItemKind;

import java.time.Instant;
import java.util.UUID;

/**
 * An item as stored; JSON columns travel as text.
 *
 * @param annotatorsPerItem the item's own overlap k, null for the project's
 * @param assignees         JSON array of the annotators the item is reserved for, null when every slot is open
 * @param outboxEventId     the outbox row carrying its ItemIngested event (with the rest of its batch)
 */
public record ItemRow(
        UUID itemId,
        long seq,
        UUID projectId,
        String externalId,
        String contentHash,
        String dedupHash,
        ItemKind kind,
        boolean pilot,
        boolean qualification,
        String data,
        String metadata,
        Integer annotatorsPerItem,
        String assignees,
        int schemaVersion,
        UUID outboxEventId,
        UUID uploadId,
        Instant ingestedAt,
        boolean published) {
}
