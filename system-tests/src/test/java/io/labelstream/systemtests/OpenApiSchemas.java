package io.labelstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;

/** The component schemas of one OpenAPI document, to follow {@code $ref}s. */
record OpenApiSchemas(JsonNode components) {

    private static final String PREFIX = "#/components/schemas/";

    /** The schema itself, or the one its {@code $ref} names. */
    JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.startsWith(PREFIX) ? components.path(ref.substring(PREFIX.length())) : schema;
    }

    /** The name a {@code $ref} points to, or empty for an inline schema. */
    static String refName(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.startsWith(PREFIX) ? ref.substring(PREFIX.length()) : "";
    }
}
