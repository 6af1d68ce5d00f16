package io.labelstream.ingestion.domain;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One item as a client sends it: the REST body, one line of an NDJSON upload, or a raw item from Kafka.
 * A reference answer makes it a gold item.
 */
public record ItemSubmission(
        String externalId,
        JsonNode data,
        JsonNode metadata,
        boolean pilot,
        boolean qualification,
        JsonNode referenceAnswer) {

    public boolean gold() {
        return referenceAnswer != null && !referenceAnswer.isNull();
    }
}
