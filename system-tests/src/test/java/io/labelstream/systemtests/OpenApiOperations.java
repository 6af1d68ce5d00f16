package io.labelstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every operation the running services publish in their OpenAPI documents ({@code /q/openapi}). */
final class OpenApiOperations {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    private OpenApiOperations() {
    }

    static List<SweepOperation> of(Map<String, String> baseUrlByService) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        List<SweepOperation> operations = new ArrayList<>();
        for (Map.Entry<String, String> service : baseUrlByService.entrySet()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(service.getValue() + "/q/openapi?format=json")).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(service.getKey() + " serves no OpenAPI document: " + response.statusCode());
            }
            operations.addAll(parse(service.getKey(), JSON.readTree(response.body())));
        }
        return operations;
    }

    static List<SweepOperation> parse(String service, JsonNode document) {
        OpenApiSchemas schemas = new OpenApiSchemas(document.path("components").path("schemas"));
        List<SweepOperation> operations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!METHODS.contains(op.getKey())) {
                return;
            }
            JsonNode operation = op.getValue();
            List<SweepOperation.Parameter> parameters = new ArrayList<>();
            for (JsonNode parameter : concat(path.getValue().path("parameters"), operation.path("parameters"))) {
                parameters.add(new SweepOperation.Parameter(parameter.path("name").asText(),
                        parameter.path("in").asText(), parameter.path("schema")));
            }
            String mediaType = null;
            JsonNode bodySchema = null;
            Iterator<Map.Entry<String, JsonNode>> content = operation.path("requestBody").path("content").fields();
            if (content.hasNext()) {
                Map.Entry<String, JsonNode> first = content.next();
                mediaType = first.getKey();
                bodySchema = schemas.resolve(first.getValue().path("schema"));
            }
            operations.add(new SweepOperation(service, op.getKey().toUpperCase(), path.getKey(),
                    roles(operation), parameters, mediaType, bodySchema, schemas));
        }));
        return operations;
    }

    /** The scopes of the operation's security requirements: for a bearer scheme, the roles allowed. */
    private static Set<String> roles(JsonNode operation) {
        Set<String> roles = new LinkedHashSet<>();
        for (JsonNode requirement : operation.path("security")) {
            requirement.elements().forEachRemaining(scopes -> scopes.forEach(scope -> roles.add(scope.asText())));
        }
        return roles;
    }

    private static List<JsonNode> concat(JsonNode first, JsonNode second) {
        List<JsonNode> all = new ArrayList<>();
        first.forEach(all::add);
        second.forEach(all::add);
        return all;
    }
}
