package io.labelstream.ingestion.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.labelstream.platform.problem.Problem;
import io.labelstream.platform.problem.ProblemException;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON array of items one element at a time, so a batch with too many items is refused as soon as
 * the first one too many is seen, without reading the rest of the body into memory. The mapper carries the
 * shared strict JSON policy: each element is read as any other body would be, and nothing may follow the
 * array.
 */
final class BatchReader {

    private final ObjectMapper mapper;
    private final ObjectReader element;
    private final int maxItems;

    BatchReader(ObjectMapper mapper, int maxItems) {
        this.mapper = mapper;
        // each element is followed by the rest of the array: only the whole body must end after one value
        this.element = mapper.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.maxItems = maxItems;
    }

    List<JsonNode> read(InputStream body) throws IOException {
        try (JsonParser parser = mapper.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw ProblemException.badRequest("body", "must be a JSON array of items");
            }
            List<JsonNode> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (items.size() == maxItems) {
                    throw new ProblemException(413, "Payload too large", "a batch holds at most " + maxItems
                            + " items; upload larger imports as NDJSON", List.of(new Problem.FieldError("body",
                            "more than " + maxItems + " items")));
                }
                items.add(element.readValue(parser));
            }
            if (parser.nextToken() != null) {
                throw ProblemException.badRequest("body",
                        "the body must hold exactly one JSON value; found more after it");
            }
            return items;
        }
    }
}
