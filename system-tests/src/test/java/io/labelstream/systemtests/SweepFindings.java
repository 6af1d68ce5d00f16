package io.labelstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * What the sweep found wrong, collected rather than thrown so that one run lists every problem: a 5xx, a
 * refusal that is not problem+json, a status other than the documented one.
 */
final class SweepFindings {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> violations = new ArrayList<>();
    private int requests;

    /** Sends the request and checks the answer: never 5xx, every 4xx a problem, the status {@code expected}. */
    HttpResponse<String> check(SweepOperation operation, String what, SweepRequest request, String expectation,
                               IntPredicate expected) {
        requests++;
        HttpResponse<String> response;
        try {
            response = request.send();
        } catch (RuntimeException e) {
            violations.add(where(operation, what, request) + ": no answer (" + e.getMessage() + ")");
            return null;
        }
        int status = response.statusCode();
        if (status >= 500) {
            violations.add(where(operation, what, request) + ": " + status + " " + abbreviate(response.body()));
        } else if (!expected.test(status)) {
            violations.add(where(operation, what, request) + ": " + status + ", expected " + expectation);
        }
        if (status >= 400 && status < 500) {
            String problem = problemFault(response);
            if (problem != null) {
                violations.add(where(operation, what, request) + ": " + status + " " + problem);
            }
        }
        return response;
    }

    void add(String violation) {
        violations.add(violation);
    }

    List<String> violations() {
        return violations;
    }

    int requests() {
        return requests;
    }

    /** Why the answer is not an RFC 9457 problem with a title and a detail, or null if it is one. */
    private static String problemFault(HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            return "is not application/problem+json but '" + type + "': " + abbreviate(response.body());
        }
        try {
            JsonNode problem = JSON.readTree(response.body());
            if (problem.path("title").asText("").isBlank() || problem.path("detail").asText("").isBlank()) {
                return "problem without a title or detail: " + abbreviate(response.body());
            }
            if (problem.path("status").asInt() != response.statusCode()) {
                return "problem whose status is " + problem.path("status") + ": " + abbreviate(response.body());
            }
        } catch (IOException e) {
            return "problem that is not JSON: " + abbreviate(response.body());
        }
        return null;
    }

    private static String where(SweepOperation operation, String what, SweepRequest request) {
        return operation + " [" + what + "] " + request.describe();
    }

    static String abbreviate(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
