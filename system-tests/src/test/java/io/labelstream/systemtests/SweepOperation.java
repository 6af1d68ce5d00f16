package io.labelstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Set;

/**
 * One operation of a service's OpenAPI document: its method and path template, the token roles its
 * security requirement names (who may call it), its parameters and the schema of its body, if any.
 */
record SweepOperation(String service, String method, String path, Set<String> roles,
                      List<Parameter> parameters, String bodyMediaType, JsonNode bodySchema, OpenApiSchemas schemas) {

    /** A path, query or header parameter and the schema of its value, {@code $ref}s resolved by name. */
    record Parameter(String name, String in, JsonNode schema) {
    }

    boolean takesBody() {
        return bodyMediaType != null;
    }

    /** A body read as a stream of lines or items (uploads, batches): a bad entry is reported per line, not refused. */
    boolean streamsBody() {
        return takesBody() && "string".equals(bodySchema.path("type").asText());
    }

    List<Parameter> in(String where) {
        return parameters.stream().filter(p -> p.in().equals(where)).toList();
    }

    @Override
    public String toString() {
        return method + " " + path + " (" + service + ")";
    }
}
