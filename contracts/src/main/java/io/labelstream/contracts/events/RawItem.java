package io.labelstream.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.EventPayload;

import java.util.UUID;

/**
 * An item to ingest, as sent by a pipeline to {@code labeling.raw-items} or by a client to the REST API.
 *
 * @param externalId      the client's id; (project, externalId) is unique
 * @param data            the content, by task type: {@code text}, {@code imageUrl}+{@code width}+{@code height},
 *                        {@code audioUrl}, or {@code candidates}
 * @param metadata        free-form, carried along
 * @param pilot           labeled during the PILOT phase by every pilot annotator
 * @param qualification   a gold item used to qualify new annotators (needs a reference answer)
 * @param referenceAnswer the known answer: makes the item a gold item
 */
public record RawItem(
        UUID projectId,
        String externalId,
        JsonNode data,
        JsonNode metadata,
        boolean pilot,
        boolean qualification,
        JsonNode referenceAnswer) implements EventPayload {

    @Override
    public String key() {
        return externalId != null ? externalId : String.valueOf(projectId);
    }
}
