package io.labelstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.UUID;

/**
 * The smallest body an operation's schema allows: its required fields only, each with a plain value of its
 * type. Sent by callers who must be refused for who they are, so the refusal cannot be about the body.
 */
final class MinimalBodies {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private MinimalBodies() {
    }

    static String of(SweepOperation operation) {
        try {
            return JSON.writeValueAsString(value(operation.schemas(), operation.bodySchema(), 0));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode value(OpenApiSchemas schemas, JsonNode declared, int depth) {
        String ref = OpenApiSchemas.refName(declared);
        JsonNode schema = schemas.resolve(declared);
        if ("UUID".equals(ref)) {
            return NODES.textNode(UUID.randomUUID().toString());
        }
        if ("Instant".equals(ref)) {
            return NODES.textNode("2024-01-01T00:00:00Z");
        }
        if ("JsonNode".equals(ref) || depth > 4) {
            return NODES.objectNode();
        }
        if (schema.has("enum")) {
            return NODES.textNode(schema.path("enum").get(0).asText());
        }
        return switch (schema.path("type").asText()) {
            case "string" -> NODES.textNode("sweep");
            case "integer", "number" -> NODES.numberNode(Math.max(1, schema.path("minimum").asInt(1)));
            case "boolean" -> NODES.booleanNode(false);
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = 0; i < schema.path("minItems").asInt(0); i++) {
                    array.add(value(schemas, schema.path("items"), depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                schema.path("required").forEach(name ->
                        object.set(name.asText(), value(schemas, schema.path("properties").path(name.asText()), depth + 1)));
                yield object;
            }
        };
    }
}
