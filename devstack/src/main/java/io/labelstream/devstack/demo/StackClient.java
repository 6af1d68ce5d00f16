package io.labelstream.devstack.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labelstream.contracts.EventCodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What a labeling frontend does, over the services' REST APIs. */
public final class StackClient {

    private static final ObjectMapper JSON = EventCodec.mapper();

    private static final int UNAVAILABLE_ATTEMPTS = 60;

    /** The reason given when the assignment service does not know the project (yet). */
    public static final String PROJECT_NOT_YET_KNOWN = "project-not-yet-known";

    // HTTP/1.1: the JDK client would otherwise upgrade to cleartext HTTP/2 and carry every request of
    // every simulated annotator over one connection, served by one event-loop thread of the service
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(java.util.concurrent.Executors.newFixedThreadPool(8, task -> {
                Thread thread = new Thread(task, "stack-client");
                thread.setDaemon(true);
                return thread;
            }))
            .build();
    private final Map<String, String> urls;

    /** @param urls service name (e.g. {@code ingestion-service}) → base URL */
    public StackClient(Map<String, String> urls) {
        this.urls = urls;
    }

    /** A task leased to an annotator. */
    public record Lease(UUID assignmentId, UUID itemId, JsonNode data, String token) {
    }

    /** The answer of a next-task call: a lease, or why there is none. */
    public record NextTask(Optional<Lease> lease, String reason) {
    }

    public UUID createProject(String managerToken, Object draft) {
        JsonNode project = send("ingestion-service", "POST", "/projects", managerToken, draft, 201);
        return UUID.fromString(project.get("projectId").asText());
    }

    public void changeState(String managerToken, UUID projectId, String state) {
        send("ingestion-service", "POST", "/projects/" + projectId + "/state", managerToken, Map.of("state", state), 200);
    }

    public JsonNode ingestBatch(String token, UUID projectId, Object items) {
        return send("ingestion-service", "POST", "/projects/" + projectId + "/items/batch", token, items, 200);
    }

    /**
     * Claims the next task. The claim carries a key of its own, so that if its answer is lost on the way the
     * claim is sent again with the same key and gets the same lease back, instead of leaving it stranded.
     */
    public NextTask nextTask(String annotatorToken, UUID projectId) {
        Map<String, String> claimKey = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        String path = "/projects/" + projectId + "/tasks/next";
        HttpResponse<String> response;
        try {
            response = exchange("assignment-service", "POST", path, annotatorToken, null, claimKey);
        } catch (UncheckedIOException lost) {
            response = exchange("assignment-service", "POST", path, annotatorToken, null, claimKey);
        }
        if (response.statusCode() == 204) {
            return new NextTask(Optional.empty(), response.headers().firstValue("Labelstream-Reason").orElse("none"));
        }
        if (response.statusCode() == 404) {
            // a project just defined reaches the assignment service a moment later
            return new NextTask(Optional.empty(), PROJECT_NOT_YET_KNOWN);
        }
        JsonNode lease = expect(response, 200, "next task");
        return new NextTask(Optional.of(new Lease(UUID.fromString(lease.get("assignmentId").asText()),
                UUID.fromString(lease.get("itemId").asText()), lease.get("data"),
                lease.get("assignmentToken").asText())), null);
    }

    /** Submits a label. */
    public void submit(String annotatorToken, Lease lease, Object label) {
        Map<String, Object> body = Map.of("label", label, "assignmentToken", lease.token());
        HttpResponse<String> response = exchange("annotation-service", "POST",
                "/assignments/" + lease.assignmentId() + "/annotation", annotatorToken, body);
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new IllegalStateException("submission refused: " + response.statusCode() + " " + response.body());
        }
    }

    private static void pause(Duration duration) {
        try {
            java.util.concurrent.TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }

    public void release(String annotatorToken, Lease lease, String reason) {
        HttpResponse<String> response = exchange("assignment-service", "POST",
                "/assignments/" + lease.assignmentId() + "/release", annotatorToken, Map.of("reason", reason));
        if (response.statusCode() != 204 && response.statusCode() != 410) {
            throw new IllegalStateException("release refused: " + response.statusCode() + " " + response.body());
        }
    }

    public JsonNode get(String service, String path, String token) {
        return expect(exchange(service, "GET", path, token, null), 200, "GET " + path);
    }

    /**
     * Sends a request; a 503 is sent again after its Retry-After, as a frontend would. The services answer
     * 503 only for what passes: an item or project that has not reached the service yet (they are
     * eventually consistent), or a database with no free connection at that moment.
     */
    public HttpResponse<String> exchange(String service, String method, String path, String token, Object body) {
        return exchange(service, method, path, token, body, Map.of());
    }

    private HttpResponse<String> exchange(String service, String method, String path, String token, Object body,
                                          Map<String, String> headers) {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = exchangeOnce(service, method, path, token, body, headers);
            if (response.statusCode() != 503 || attempt >= UNAVAILABLE_ATTEMPTS) {
                return response;
            }
            long retryAfter = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
            pause(Duration.ofSeconds(Math.max(1, Math.min(retryAfter, 5))));
        }
    }

    private HttpResponse<String> exchangeOnce(String service, String method, String path, String token, Object body,
                                              Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(urls.get(service) + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/json");
            headers.forEach(request::header);
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private JsonNode send(String service, String method, String path, String token, Object body, int expected) {
        return expect(exchange(service, method, path, token, body), expected, method + " " + path);
    }

    private static JsonNode expect(HttpResponse<String> response, int expected, String what) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(what + " answered unreadable JSON", e);
        }
    }
}
