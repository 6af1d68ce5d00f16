package io.labelstream.systemtests;

import io.labelstream.devstack.LocalStack;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A black-box sweep of every operation the services publish in their OpenAPI documents. Per operation it
 * sends no token and forged ones, every role as a member and as a non-member of a seeded project, and
 * malformed bodies, path, query and header parameters. Nothing may answer 5xx, every refusal is
 * problem+json, authentication and authorisation fail as documented (401; 403 for a role the operation
 * does not name; 403 or 404, never data, for a non-member), and none of the failed requests changes what
 * the project's users read afterwards. Every violation is collected, so one run shows them all.
 */
class ApiSweepTest {

    private final Platform platform = new Platform();
    private final SweepFindings findings = new SweepFindings();
    private SweepProject project;
    private Map<String, String> badTokens;

    @Test
    void noOperationFailsOrLeaksOnAnyInput() throws Exception {
        Map<String, String> urls = new LinkedHashMap<>();
        LocalStack.SERVICES.keySet().forEach(service -> urls.put(service, RunningStack.url(service)));
        List<SweepOperation> operations = OpenApiOperations.of(urls);
        assertThat(operations).as("the services' OpenAPI documents list their operations").hasSizeGreaterThan(40);
        project = SweepProject.seed(platform);
        badTokens = BadTokens.forUser(platform.user("mona"));

        // what members may do, first: these calls may write, the ones after may not
        for (SweepOperation operation : operations) {
            if (operation.roles().isEmpty()) {
                findings.add(operation + " names no role that may call it");
            }
            for (String role : operation.roles()) {
                findings.check(operation, "member " + role, request(operation, project.memberToken(role)),
                        "any answer but 5xx", status -> true);
            }
        }
        SweepProject.StoredState before = project.storedState();

        for (SweepOperation operation : operations) {
            badTokens(operation);
            rolesNotNamed(operation);
            nonMembers(operation);
            malformedBodies(operation);
            malformedParameters(operation);
        }

        oversizedRequests(operations);

        assertThat(project.storedState()).as("what failed requests left behind").isEqualTo(before);
        assertThat(findings.violations()).as("violations in %d requests", findings.requests()).isEmpty();
    }

    /**
     * Per service: headers past the header limit are a 431 problem, and a JSON body streamed in chunks past
     * its endpoint's limit (10 MiB) a 413 problem, on the first operation that takes a JSON body.
     */
    private void oversizedRequests(List<SweepOperation> operations) throws IOException {
        for (String service : LocalStack.SERVICES.keySet()) {
            SweepOperation any = operations.stream().filter(o -> o.service().equals(service)).findFirst().orElseThrow();
            String token = project.memberToken(any.roles().iterator().next());
            expectProblem(any, "headers of 30 KB", OversizedRequests.withHeaders(RunningStack.url(service),
                    pathOf(any), token, 30_000), 431);
            var json = operations.stream().filter(o -> o.service().equals(service) && o.takesBody()
                    && !o.streamsBody() && o.bodyMediaType().equals("application/json")).findFirst();
            if (json.isPresent()) {
                SweepOperation operation = json.get();
                expectProblem(operation, "a chunked body of 11 MiB", OversizedRequests.chunked(
                        RunningStack.url(service), operation.method(), pathOf(operation),
                        project.memberToken(operation.roles().iterator().next()), 11L * 1024 * 1024), 413);
            }
        }
    }

    private void expectProblem(SweepOperation operation, String what, String answer, int status) {
        String head = answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n"))).toLowerCase();
        if (!head.startsWith("http/1.1 " + status) || !head.contains("content-type: application/problem+json")
                || !answer.contains("\"status\":" + status)) {
            findings.add(operation + " [" + what + "]: expected a " + status + " problem, got "
                    + SweepFindings.abbreviate(answer));
        }
    }

    private String pathOf(SweepOperation operation) {
        return request(operation, null, project::pathValue).path();
    }

    private void badTokens(SweepOperation operation) {
        findings.check(operation, "no token", request(operation, null), "401", status -> status == 401);
        badTokens.forEach((what, token) ->
                findings.check(operation, what, request(operation, token), "401", status -> status == 401));
    }

    private void rolesNotNamed(SweepOperation operation) {
        for (String role : SweepProject.ROLES) {
            if (!operation.roles().contains(role)) {
                findings.check(operation, "member " + role + ", a role not named", request(operation,
                        project.memberToken(role)), "403", status -> status == 403);
                findings.check(operation, "non-member " + role + ", a role not named", request(operation,
                        project.nonMemberToken(role)), "403", status -> status == 403);
            }
        }
    }

    /** A non-member is refused in the project; where nothing is addressed by id (lists), it sees none of it. */
    private void nonMembers(SweepOperation operation) {
        boolean addressesProjectData = operation.in("path").stream().anyMatch(p -> p.name().endsWith("Id"));
        for (String role : operation.roles()) {
            if (!addressesProjectData && !operation.method().equals("GET")) {
                continue; // creates something of the caller's own (a project), not a request into this one
            }
            SweepRequest request = request(operation, project.nonMemberToken(role));
            if (operation.takesBody() && !operation.streamsBody()) {
                // a body the operation accepts, so that only the caller's membership can be refused
                request.body(operation.bodyMediaType(), MinimalBodies.of(operation).getBytes(StandardCharsets.UTF_8));
            }
            HttpResponse<String> answer = findings.check(operation, "non-member " + role, request, addressesProjectData ? "403 or 404" : "no 5xx",
                    status -> !addressesProjectData || status == 403 || status == 404);
            if (answer != null && answer.statusCode() < 300 && answer.body().contains(project.projectId.toString())) {
                findings.add(operation + " [non-member " + role + "] shows the project: "
                        + SweepFindings.abbreviate(answer.body()));
            }
        }
    }

    private void malformedBodies(SweepOperation operation) {
        if (!operation.takesBody()) {
            return;
        }
        String token = project.memberToken(operation.roles().iterator().next());
        for (MalformedBodies.Body body : MalformedBodies.of(operation)) {
            SweepRequest request = withHeaders(operation, request(operation, token, project::pathValue))
                    .body(body.contentType(), body.bytes());
            // a streamed body (upload, batch) may be taken and its bad lines reported one by one
            findings.check(operation, "body: " + body.description(), request, "4xx",
                    status -> operation.streamsBody() ? status < 500 : status >= 400 && status < 500);
        }
    }

    private void malformedParameters(SweepOperation operation) {
        String token = project.memberToken(operation.roles().iterator().next());
        for (SweepOperation.Parameter parameter : operation.in("path")) {
            for (Map.Entry<String, Boolean> value : MalformedParameters.pathValues(parameter, operation.schemas())
                    .entrySet()) {
                SweepRequest request = request(operation, token,
                        name -> name.equals(parameter.name()) ? value.getKey() : project.pathValue(name));
                findings.check(operation, "path " + parameter.name(), withBody(operation, withHeaders(operation, request)),
                        value.getValue() ? "404 or 400" : "no 5xx",
                        status -> !value.getValue() || status == 404 || status == 400);
            }
        }
        for (SweepOperation.Parameter parameter : operation.in("query")) {
            for (Map.Entry<String, Boolean> value : MalformedParameters.queryValues(parameter, operation.schemas())
                    .entrySet()) {
                SweepRequest request = request(operation, token, project::pathValue, "?" + parameter.name() + "="
                        + URLEncoder.encode(value.getKey(), StandardCharsets.UTF_8));
                findings.check(operation, "query " + parameter.name() + "=" + SweepFindings.abbreviate(value.getKey()),
                        withBody(operation, withHeaders(operation, request)), value.getValue() ? "400" : "no 5xx",
                        status -> !value.getValue() || status == 400);
            }
        }
        for (SweepOperation.Parameter parameter : operation.in("header")) {
            for (String value : MalformedParameters.headerValues()) {
                SweepRequest request = request(operation, token).header(parameter.name(), value);

                findings.check(operation, "header " + parameter.name(), request, "no 5xx", status -> true);
            }
        }
    }

    /** The request of a member or anyone else, to this project's own things, with a minimal body where one is taken. */
    private SweepRequest request(SweepOperation operation, String token) {
        return withBody(operation, withHeaders(operation, request(operation, token, project::pathValue)));
    }

    private SweepRequest withHeaders(SweepOperation operation, SweepRequest request) {
        for (SweepOperation.Parameter header : operation.in("header")) {
            request.header(header.name(), project.headerValue(header.name()));
        }
        return request;
    }

    private SweepRequest request(SweepOperation operation, String token, UnaryOperator<String> values) {
        return request(operation, token, values, "");
    }

    private SweepRequest request(SweepOperation operation, String token, UnaryOperator<String> values,
                                 String query) {
        StringBuilder path = new StringBuilder();
        for (String segment : operation.path().split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            path.append('/');
            if (segment.startsWith("{") && segment.endsWith("}")) {
                path.append(URLEncoder.encode(values.apply(segment.substring(1, segment.length() - 1)),
                        StandardCharsets.UTF_8).replace("+", "%20"));
            } else {
                path.append(segment);
            }
        }
        return new SweepRequest(RunningStack.url(operation.service()), operation.method(), path + query).token(token);
    }

    private static SweepRequest withBody(SweepOperation operation, SweepRequest request) {
        if (operation.takesBody()) {
            String body = operation.streamsBody() && !operation.bodyMediaType().contains("json") ? "{}\n" : "{}";
            request.body(operation.bodyMediaType(), body.getBytes(StandardCharsets.UTF_8));
        }
        return request;
    }
}
