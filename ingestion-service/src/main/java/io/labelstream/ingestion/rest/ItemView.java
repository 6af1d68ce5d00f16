package io.labelstream.ingestion.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.labelstream.contracts.events.ItemKind;
import io.labelstream.ingestion.repository.ItemRow;

import java.time.Instant;
import java.util.UUID;

/**
 * An item as the API shows it. {@code state}: STORED until its ItemIngested event reached Kafka, then
 * PUBLISHED. The reference answer is shown only when one item is read on its own. {@code annotatorsPerItem}
 * (the item's own overlap k) and {@code assignees} (the annotators it is reserved for) are shown only when
 * the item has them; without them the project's policy decides.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemView(
        UUID itemId,
        UUID projectId,
        String externalId,
        ItemKind kind,
        String state,
        boolean pilot,
        boolean qualification,
        @JsonRawValue String data,
        @JsonRawValue String metadata,
        @JsonRawValue String referenceAnswer,
        Integer annotatorsPerItem,
        @JsonRawValue String assignees,
        String contentHash,
        int schemaVersion,
        UUID uploadId,
        Instant ingestedAt) {

    public static final String STORED = "STORED";
    public static final String PUBLISHED = "PUBLISHED";

    static ItemView of(ItemRow row, String referenceAnswer) {
        return new ItemView(row.itemId(), row.projectId(), row.externalId(), row.kind(),
                row.published() ? PUBLISHED : STORED, row.pilot(), row.qualification(), row.data(), row.metadata(),
                referenceAnswer, row.annotatorsPerItem(), row.assignees(), row.contentHash(), row.schemaVersion(),
                row.uploadId(), row.ingestedAt());
    }
}
