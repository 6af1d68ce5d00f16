package io.labelstream.ingestion.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One item as a client sends it: the REST body, one line of an NDJSON upload, or a raw item from Kafka.
 * A reference answer makes it a gold item.
 *
 * <p>{@code annotatorsPerItem} and {@code assignees} say how the item is shared among annotators (its own
 * overlap k, and the annotators it is reserved for). They are kept as sent, like {@code data}, so that
 * {@link DistributionRules} can refuse a wrong type by field name instead of Jackson coercing it ("3"
 * or 3.7 would silently become 3).
 */
public record ItemSubmission(
        String externalId,
        JsonNode data,
        JsonNode metadata,
        boolean pilot,
        boolean qualification,
        JsonNode referenceAnswer,
        JsonNode annotatorsPerItem,
        JsonNode assignees) {

    /** An item distributed by its project's policy alone: the project's k, every slot open to the pool. */
    public ItemSubmission(String externalId, JsonNode data, JsonNode metadata, boolean pilot, boolean qualification,
                          JsonNode referenceAnswer) {
        this(externalId, data, metadata, pilot, qualification, referenceAnswer, null, null);
    }

    public boolean gold() {
        return referenceAnswer != null && !referenceAnswer.isNull();
    }

    /** The item's own overlap k, or null for the project's; read it only once {@link DistributionRules} passed it. */
    public Integer ownAnnotatorsPerItem() {
        return absent(annotatorsPerItem) ? null : annotatorsPerItem.intValue();
    }

    /** The annotators the item is reserved for, empty when none; read it only once {@link DistributionRules} passed it. */
    public List<String> assigneeIds() {
        if (absent(assignees) || assignees.isEmpty()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>(assignees.size());
        assignees.forEach(id -> ids.add(id.textValue()));
        return ids;
    }

    static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }
}
