package io.labelstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labelstream.devstack.demo.StackClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * The project the sweep works on: a member of every role (mona MANAGER, rita REVIEWER, ann ANNOTATOR,
 * ivan INGESTOR), items with a gold one among them, a lease of ann's, an upload and a release, known to
 * every service before the sweep starts; and eve, who holds every token role but is no member.
 */
final class SweepProject {

    static final List<String> ROLES = List.of("manager", "ingestor", "reviewer", "annotator");
    private static final Map<String, String> MEMBER_BY_ROLE = Map.of(
            "manager", "mona", "reviewer", "rita", "annotator", "ann", "ingestor", "ivan");
    private static final String NON_MEMBER = "eve";
    private static final ObjectMapper JSON = new ObjectMapper();

    final Platform platform;
    final UUID projectId;
    final List<UUID> itemIds;
    final StackClient.Lease lease;
    final UUID jobId;
    final String releaseName;

    private SweepProject(Platform platform, UUID projectId, List<UUID> itemIds, StackClient.Lease lease, UUID jobId,
                         String releaseName) {
        this.platform = platform;
        this.projectId = projectId;
        this.itemIds = itemIds;
        this.lease = lease;
        this.jobId = jobId;
        this.releaseName = releaseName;
    }

    static SweepProject seed(Platform platform) {
        UUID projectId = platform.activeProject(
                Map.of("taskType", "SINGLE_LABEL", "labels", List.of(Map.of("name", "cat"), Map.of("name", "dog"))),
                Map.of("annotatorsPerItem", 1, "goldRate", 0.0), List.of("ann"));
        List<UUID> items = platform.ingest(projectId, List.of(
                Map.of("externalId", "sweep-1", "data", Map.of("text", "a cat")),
                Map.of("externalId", "sweep-2", "data", Map.of("text", "a dog")),
                Map.of("externalId", "sweep-gold", "data", Map.of("text", "a cat, surely"),
                        "referenceAnswer", Map.of("choice", "cat"))));
        StackClient.Lease lease = await().atMost(Duration.ofSeconds(60))
                .until(() -> platform.next("ann", projectId), next -> next.lease().isPresent()).lease().orElseThrow();
        String manager = platform.token("mona", "manager");
        HttpResponse<String> upload = new SweepRequest(RunningStack.url("ingestion-service"), "POST",
                "/projects/" + projectId + "/uploads").token(platform.token("ivan", "ingestor"))
                .body("application/x-ndjson", "{\"externalId\": \"sweep-upload\", \"data\": {\"text\": \"uploaded\"}}\n"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)).send();
        UUID jobId = UUID.fromString(read(upload.body()).path("jobId").asText());
        String releaseName = "sweep-" + platform.suffix;
        await().atMost(Duration.ofSeconds(60)).until(() -> platform.call("adjudication-service", "POST",
                "/projects/" + projectId + "/releases", manager, Map.of("name", releaseName)).statusCode() == 201);
        // every service has seen the project before a status is read from it
        await().atMost(Duration.ofSeconds(60)).until(() -> platform.call("quality-service", "GET",
                "/projects/" + projectId + "/quality/progress", manager, null).statusCode() == 200
                && platform.call("learning-service", "GET", "/projects/" + projectId + "/models", manager, null)
                .statusCode() == 200
                && platform.call("annotation-service", "GET", "/items/" + items.get(0) + "/annotations",
                platform.token("rita", "reviewer"), null).statusCode() == 200);
        return new SweepProject(platform, projectId, items, lease, jobId, releaseName);
    }

    /** The member token of a role. */
    String memberToken(String role) {
        return platform.token(MEMBER_BY_ROLE.get(role), role);
    }

    /** A token of the role for a user who is no member of the project. */
    String nonMemberToken(String role) {
        return platform.token(NON_MEMBER, role);
    }

    /** The value of a path parameter that names something of this project. */
    String pathValue(String parameter) {
        return switch (parameter) {
            case "projectId" -> projectId.toString();
            case "itemId" -> lease.itemId().toString();
            case "assignmentId" -> lease.assignmentId().toString();
            case "jobId" -> jobId.toString();
            case "name" -> releaseName;
            case "annotatorId" -> platform.user("ann");
            default -> UUID.randomUUID().toString();
        };
    }

    /** A valid value of a header parameter. */
    String headerValue(String header) {
        return header.equals("Labelstream-Assignment-Token") ? lease.token() : UUID.randomUUID().toString();
    }

    /** What a failed request must leave as it was, read through the API as its users read it. */
    record StoredState(String project, int managersProjects, int items, int annotations, String releases) {
    }

    StoredState storedState() {
        String manager = memberToken("manager");
        JsonNode project = get("ingestion-service", "/projects/" + projectId, manager);
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (String field : List.of("name", "description", "state", "revision", "schemaVersion", "schema",
                "guidelines", "policies", "members")) {
            fields.put(field, project.path(field));
        }
        int annotations = 0;
        for (UUID item : itemIds) {
            annotations += get("annotation-service", "/items/" + item + "/annotations", memberToken("reviewer")).size();
        }
        return new StoredState(fields.toString(), get("ingestion-service", "/projects", manager).size(),
                get("ingestion-service", "/projects/" + projectId + "/items?limit=100", manager).path("items").size(),
                annotations, get("adjudication-service", "/projects/" + projectId + "/releases", manager).toString());
    }

    private JsonNode get(String service, String path, String token) {
        return platform.client.get(service, path, token);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
