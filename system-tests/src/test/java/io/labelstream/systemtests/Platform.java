package io.labelstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.events.GoldLabel;
import io.labelstream.devstack.DevTokens;
import io.labelstream.devstack.LocalStack;
import io.labelstream.devstack.demo.GoldTopicReader;
import io.labelstream.devstack.demo.StackClient;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The running platform as its users see it: REST for people, the gold topic for ML pipelines. */
final class Platform {

    final StackClient client;
    final String suffix = UUID.randomUUID().toString().substring(0, 8);

    Platform() {
        LocalStack stack = RunningStack.get();
        Map<String, String> urls = new LinkedHashMap<>();
        stack.services().forEach((name, process) -> urls.put(name, process.baseUrl()));
        client = new StackClient(urls);
    }

    String user(String name) {
        return name + "-" + suffix;
    }

    String token(String name, String role) {
        return DevTokens.mint(user(name), role);
    }

    /** Creates and activates a project whose members are {@code annotators}, reviewer {@code rita}, manager {@code mona}. */
    UUID activeProject(Map<String, Object> schema, Map<String, Object> policies, List<String> annotators) {
        List<Map<String, Object>> members = new ArrayList<>();
        annotators.forEach(a -> members.add(Map.of("userId", user(a), "role", "ANNOTATOR")));
        members.add(Map.of("userId", user("rita"), "role", "REVIEWER"));
        // ivan's pipeline ingests the items: an ingestor works only in the projects it is a member of
        members.add(Map.of("userId", user("ivan"), "role", "INGESTOR"));
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("name", "system test " + suffix);
        draft.put("schema", schema);
        draft.put("guidelines", Map.of("text", "Label what you see."));
        draft.put("policies", policies);
        draft.put("members", members);
        String manager = token("mona", "manager");
        UUID projectId = client.createProject(manager, draft);
        client.changeState(manager, projectId, "ACTIVE");
        return projectId;
    }

    /** Ingests items; returns their ids in order. */
    List<UUID> ingest(UUID projectId, List<Map<String, Object>> items) {
        JsonNode result = client.ingestBatch(token("ivan", "ingestor"), projectId, items);
        List<UUID> ids = new ArrayList<>();
        result.path("lines").forEach(line -> ids.add(UUID.fromString(line.get("itemId").asText())));
        if (ids.size() != items.size()) {
            throw new IllegalStateException("not every item was accepted: " + result);
        }
        return ids;
    }

    StackClient.NextTask next(String annotator, UUID projectId) {
        return client.nextTask(token(annotator, "annotator"), projectId);
    }

    void submit(String annotator, StackClient.Lease lease, Object label) {
        client.submit(token(annotator, "annotator"), lease, label);
    }

    Map<UUID, GoldLabel> gold(UUID projectId) {
        return new GoldTopicReader(RunningStack.get().bootstrapServers()).currentGold(projectId);
    }

    HttpResponse<String> call(String service, String method, String path, String token, Object body) {
        return client.exchange(service, method, path, token, body);
    }
}
