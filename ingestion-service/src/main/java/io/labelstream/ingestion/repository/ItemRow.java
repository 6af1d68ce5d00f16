package io.labelstream.ingestion.repository;

import io.labelstream.contracts.events.ItemKind;

import java.time.Instant;
import java.util.UUID;

/** An item as stored; JSON columns travel as text. */
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
        int schemaVersion,
        UUID eventId,
        UUID uploadId,
        Instant ingestedAt,
        boolean published) {
}
