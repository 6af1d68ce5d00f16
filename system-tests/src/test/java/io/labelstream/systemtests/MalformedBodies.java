package io.labelstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Bodies no endpoint may accept, derived from the operation's body schema: broken JSON, trailing content,
 * a value of the wrong type for each field, NUL and over-long text in each text field, unknown enum values.
 * Each body holds a single fault, at one field path, so a refusal can only be about that fault.
 */
final class MalformedBodies {

    /** Longer than any text field's documented limit (the longest, guideline text, is 200,000 characters). */
    static final int OVER_LONG = 250_001;
    private static final int MAX_DEPTH = 3;

    record Body(String description, String contentType, byte[] bytes) {

        static Body json(String description, String json) {
            return new Body(description, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }
    }

    private MalformedBodies() {
    }

    static List<Body> of(SweepOperation operation) {
        List<Body> bodies = new ArrayList<>();
        String type = operation.bodyMediaType();
        bodies.add(new Body("not JSON", type, "{nope".getBytes(StandardCharsets.UTF_8)));
        bodies.add(new Body("trailing garbage", type, "{} trailing".getBytes(StandardCharsets.UTF_8)));
        bodies.add(new Body("two documents", type, "{}{}".getBytes(StandardCharsets.UTF_8)));
        // in a field the operation reads, for an unknown one is skipped unread
        String field = firstTextField(operation);
        bodies.add(new Body("invalid UTF-8", type, concat("{\"" + field + "\": \"", new byte[] {(byte) 0xff, (byte) 0xfe},
                "\"}")));
        bodies.add(new Body("NUL in a string", type, ("{\"" + field + "\": \"x\\u0000y\"}")
                .getBytes(StandardCharsets.UTF_8)));
        if (operation.streamsBody()) {
            return bodies;
        }
        bodies.add(Body.json("JSON null", "null"));
        bodies.add(Body.json("a JSON array", "[]"));
        bodies.add(Body.json("a JSON string", "\"x\""));
        bodies.add(new Body("text/plain", "text/plain", "{}".getBytes(StandardCharsets.UTF_8)));
        fieldFaults(operation.schemas(), operation.bodySchema(), "", 0, bodies);
        return bodies;
    }

    private static String firstTextField(SweepOperation operation) {
        var fields = operation.bodySchema().path("properties").fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if ("string".equals(operation.schemas().resolve(field.getValue()).path("type").asText())) {
                return field.getKey();
            }
        }
        return "externalId";
    }

    /** One body per fault of each field, the field nested as the schema nests it. */
    private static void fieldFaults(OpenApiSchemas schemas, JsonNode objectSchema, String path, int depth,
                                    List<Body> bodies) {
        if (depth >= MAX_DEPTH) {
            return;
        }
        objectSchema.path("properties").fields().forEachRemaining(property -> {
            String field = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
            for (Map.Entry<String, String> fault : faults(schemas, property.getValue()).entrySet()) {
                bodies.add(Body.json(field + ": " + fault.getKey(), nest(field, fault.getValue())));
            }
            JsonNode nested = schemas.resolve(property.getValue());
            if (isObject(nested, property.getValue())) {
                fieldFaults(schemas, nested, field, depth + 1, bodies);
            } else if ("array".equals(nested.path("type").asText())) {
                JsonNode element = schemas.resolve(nested.path("items"));
                if (isObject(element, nested.path("items"))) {
                    // an array's element is reached as its first entry: "members[0]"
                    fieldFaults(schemas, element, field + "[0]", depth + 1, bodies);
                }
            }
        });
    }

    private static boolean isObject(JsonNode resolved, JsonNode declared) {
        return resolved.has("properties") && !"JsonNode".equals(OpenApiSchemas.refName(declared));
    }

    /** Fault name → JSON value, by the field's declared type. */
    private static Map<String, String> faults(OpenApiSchemas schemas, JsonNode declared) {
        String ref = OpenApiSchemas.refName(declared);
        JsonNode schema = schemas.resolve(declared);
        Map<String, String> faults = new java.util.LinkedHashMap<>();
        if ("JsonNode".equals(ref)) {
            faults.put("NUL inside free-form JSON", "{\"k\": [\"x\\u0000\"]}");
            faults.put("NUL in a free-form key", "{\"k\\u0000\": 1}");
            faults.put("unpaired surrogate in free-form JSON", "{\"k\": \"\\ud800\"}");
            return faults;
        }
        String type = schema.path("type").asText();
        if (schema.has("enum")) {
            faults.put("unknown enum value", "\"BOGUS\"");
            faults.put("a number for an enum", "7");
            return faults;
        }
        switch (type) {
            case "string" -> {
                faults.put("a number for text", "12");
                faults.put("NUL in text", "\"x\\u0000y\"");
                faults.put("an unpaired surrogate", "\"\\udc00\"");
                if (!schema.has("format")) {
                    faults.put("over-long text", "\"" + "x".repeat(OVER_LONG) + "\"");
                } else {
                    faults.put("not a " + schema.path("format").asText(), "\"yesterday\"");
                }
            }
            case "integer" -> {
                faults.put("text for an integer", "\"3\"");
                faults.put("a fraction for an integer", "1.5");
                faults.put("an integer out of range", "99999999999999999999");
            }
            case "number" -> {
                faults.put("text for a number", "\"0.5\"");
                faults.put("a boolean for a number", "true");
            }
            case "boolean" -> {
                faults.put("a number for a boolean", "0");
                faults.put("text for a boolean", "\"true\"");
            }
            case "array" -> faults.put("text for an array", "\"x\"");
            case "object" -> faults.put("an array for an object", "[]");
            default -> {
            }
        }
        return faults;
    }

    /** {@code {"a": {"b": [{"c": value}]}}} for the field path {@code a.b[0].c}. */
    static String nest(String field, String value) {
        String json = value;
        String[] parts = field.split("\\.");
        for (int i = parts.length - 1; i >= 0; i--) {
            String part = parts[i];
            boolean element = part.endsWith("[0]");
            String name = element ? part.substring(0, part.length() - 3) : part;
            if (i < parts.length - 1 && parts[i].endsWith("[0]")) {
                json = "[" + json + "]";
            }
            json = "{\"" + name + "\": " + json + "}";
        }
        return json;
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        byte[] head = before.getBytes(StandardCharsets.UTF_8);
        byte[] tail = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + middle.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(middle, 0, all, head.length, middle.length);
        System.arraycopy(tail, 0, all, head.length + middle.length, tail.length);
        return all;
    }
}
