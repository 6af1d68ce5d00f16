package io.labelstream.ingestion.service;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labelstream.contracts.EventCodec;
import io.labelstream.ingestion.domain.ItemSubmission;
import io.labelstream.ingestion.domain.Violation;
import io.labelstream.platform.json.StrictJson;
import io.labelstream.platform.json.UnsafeTextException;
import io.labelstream.platform.problem.JsonPaths;

/** Reads one item of a bulk import; an unreadable one becomes a rejection naming the field, never an exception. */
final class SubmissionReader {

    // the REST bodies' policy (one value, no coercion, no text PostgreSQL refuses), applied to each line
    private static final ObjectMapper MAPPER = StrictJson.apply(EventCodec.mapper().copy());

    private SubmissionReader() {
    }

    static ItemIngester.Submitted fromText(long line, String text) {
        if (!text.stripLeading().startsWith("{")) {
            return new ItemIngester.Submitted(line, null, new Violation("line", "must be a JSON object"));
        }
        try {
            return new ItemIngester.Submitted(line, MAPPER.readValue(text, ItemSubmission.class), null);
        } catch (JsonParseException e) {
            return new ItemIngester.Submitted(line, null, new Violation("line", "not valid JSON: " + e.getOriginalMessage()));
        } catch (JsonMappingException e) {
            return new ItemIngester.Submitted(line, null, new Violation(JsonPaths.of(e.getPath()),
                    (e instanceof UnsafeTextException ? "" : "wrong type: ") + e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            return new ItemIngester.Submitted(line, null, new Violation("line", "not valid JSON: " + e.getOriginalMessage()));
        }
    }

    static ItemIngester.Submitted fromTree(long line, JsonNode node) {
        if (node == null || !node.isObject()) {
            return new ItemIngester.Submitted(line, null, new Violation("line", "must be a JSON object"));
        }
        try {
            return new ItemIngester.Submitted(line, MAPPER.treeToValue(node, ItemSubmission.class), null);
        } catch (JsonMappingException e) {
            return new ItemIngester.Submitted(line, null,
                    new Violation(JsonPaths.of(e.getPath()), "wrong type: " + e.getOriginalMessage()));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return new ItemIngester.Submitted(line, null, new Violation("line", e.getMessage()));
        }
    }
}
