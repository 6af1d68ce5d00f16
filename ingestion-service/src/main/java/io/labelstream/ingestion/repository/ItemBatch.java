package io.labelstream.ingestion.repository;

import io.labelstream.platform.outbox.ArrayLiteral;
import io.labelstream.platform.outbox.JsonBatch;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The parameters of one bulk insert of items, built before its transaction: a bulk import's worker builds
 * the next batch's while the previous batch commits, so the commit only sends them.
 */
public record ItemBatch(List<ItemRow> rows, UUID projectId, int schemaVersion, UUID outboxEventId, UUID uploadId,
                        Instant ingestedAt, String itemIds, String externalIds, String contentHashes,
                        String dedupHashes, String kinds, String pilots, String qualifications,
                        String annotatorsPerItem, String assignees, String data, String metadata) {

    /** The rows of one batch, which share their outbox row ({@code outboxEventId}), upload and instant. */
    public static ItemBatch of(UUID projectId, int schemaVersion, UUID outboxEventId, UUID uploadId, Instant ingestedAt,
                               List<ItemRow> rows) {
        return new ItemBatch(List.copyOf(rows), projectId, schemaVersion, outboxEventId, uploadId, ingestedAt,
                array(rows, ItemRow::itemId), array(rows, ItemRow::externalId), array(rows, ItemRow::contentHash),
                array(rows, ItemRow::dedupHash), array(rows, row -> row.kind().name()), array(rows, ItemRow::pilot),
                array(rows, ItemRow::qualification), array(rows, ItemRow::annotatorsPerItem),
                array(rows, ItemRow::assignees),
                JsonBatch.of(rows.stream().map(ItemRow::data).toList()),
                JsonBatch.of(rows.stream().map(ItemRow::metadata).toList()));
    }

    private static String array(List<ItemRow> rows, Function<ItemRow, ?> column) {
        return ArrayLiteral.of(rows.stream().map(column).toList());
    }
}
