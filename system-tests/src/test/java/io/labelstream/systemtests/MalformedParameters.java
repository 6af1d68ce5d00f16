package io.labelstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameter values a service cannot use, each mapped to whether the documented answer is a refusal (a
 * 400 for a query parameter, a 404 or 400 for a path id) or merely anything but a failure (a value its
 * type allows but the service may bound, or a free-text parameter).
 */
final class MalformedParameters {

    private MalformedParameters() {
    }

    static Map<String, Boolean> pathValues(SweepOperation.Parameter parameter, OpenApiSchemas schemas) {
        Map<String, Boolean> values = new LinkedHashMap<>();
        if ("UUID".equals(OpenApiSchemas.refName(parameter.schema()))) {
            values.put("not-a-uuid", true);
            values.put("00000000-0000-0000-0000-00000000000g", true);
        } else {
            values.put("x\u0000y", false);
            values.put("x".repeat(3000), false);
            values.put("\ud800", false);
        }
        return values;
    }

    static Map<String, Boolean> queryValues(SweepOperation.Parameter parameter, OpenApiSchemas schemas) {
        String ref = OpenApiSchemas.refName(parameter.schema());
        JsonNode schema = schemas.resolve(parameter.schema());
        Map<String, Boolean> values = new LinkedHashMap<>();
        if ("UUID".equals(ref)) {
            values.put("notuuid", true);
        } else if (schema.has("enum")) {
            values.put("BOGUS", true);
        } else if ("Instant".equals(ref)) {
            values.put("yesterday", true);
        } else if ("integer".equals(schema.path("type").asText())) {
            values.put("abc", true);
            values.put("1.5", true);
            values.put("99999999999999999999", true);
            values.put("-1", false);
            values.put("0", false);
            values.put("2147483647", false);
        } else {
            values.put("abc", false);
            values.put("-1", false);
            values.put("99999999999999999999", false);
            values.put("x\u0000y", false);
            values.put("x".repeat(3000), false);
        }
        return values;
    }

    static List<String> headerValues() {
        return List.of("not-a-token", "x".repeat(4000), "a.b.c");
    }
}
