package io.labelstream.adjudication;

import io.labelstream.platform.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static io.restassured.RestAssured.given;

/** Reviewers reach only their projects; annotators and anonymous callers reach no adjudication endpoint. */
@QuarkusTest
class AccessControlTest {

    private record Call(String method, String path, Object body) {
    }

    private static List<Call> endpoints(UUID projectId) {
        UUID itemId = UUID.randomUUID();
        String p = "/projects/" + projectId;
        return List.of(
                new Call("POST", p + "/reviews/lease", null),
                new Call("GET", p + "/reviews", null),
                new Call("GET", p + "/reviews/" + itemId, null),
                new Call("POST", p + "/reviews/" + itemId + "/decision",
                        Map.of("leaseId", UUID.randomUUID().toString(), "label", Map.of("choice", "pos"))),
                new Call("POST", p + "/reviews/" + itemId + "/return", Map.of("leaseId", UUID.randomUUID().toString())),
                new Call("POST", p + "/reviews/" + itemId + "/invalidation", Map.of("leaseId", UUID.randomUUID().toString())),
                new Call("POST", p + "/gold/" + itemId + "/corrections", Map.of("label", Map.of("choice", "pos"))),
                new Call("POST", p + "/gold/" + itemId + "/invalidation", Map.of("note", "x")),
                new Call("GET", p + "/overturns", null),
                new Call("GET", p + "/dataset", null),
                new Call("GET", p + "/releases", null),
                new Call("POST", p + "/releases", Map.of("name", "r1")),
                new Call("GET", p + "/releases/r1", null),
                new Call("GET", p + "/releases/r1/data", null));
    }

    @Test
    void reviewersOfAnotherProjectAreForbidden() {
        Fixtures.Project mine = Fixtures.project(0.8, 0.0);
        Fixtures.Project theirs = Fixtures.project(0.8, 0.0);
        for (Call call : endpoints(theirs.id())) {
            send(call, r -> r.auth().oauth2(mine.reviewerToken()))
                    .then().statusCode(403).contentType("application/problem+json");
        }
    }

    @Test
    void annotatorsCannotReachAnyEndpointEvenOfTheirOwnProject() {
        Fixtures.Project project = Fixtures.project(0.8, 0.0);
        String annotator = Fixtures.token(project.annotator(), Roles.ANNOTATOR);
        for (Call call : endpoints(project.id())) {
            send(call, r -> r.auth().oauth2(annotator)).then().statusCode(403);
        }
    }

    @Test
    void managersReadDatasetsButDoNotAdjudicate() {
        Fixtures.Project project = Fixtures.project(0.8, 0.0);
        String manager = Fixtures.token(project.manager(), Roles.MANAGER);
        given().auth().oauth2(manager).get("/projects/{p}/dataset", project.id()).then().statusCode(200);
        given().auth().oauth2(manager).get("/projects/{p}/overturns", project.id()).then().statusCode(200);
        given().auth().oauth2(manager).post("/projects/{p}/reviews/lease", project.id()).then().statusCode(403);
    }

    @Test
    void anonymousCallersAreUnauthorized() {
        Fixtures.Project project = Fixtures.project(0.8, 0.0);
        for (Call call : endpoints(project.id())) {
            send(call, Function.identity()).then().statusCode(401);
        }
    }

    @Test
    void unknownProjectIsNotFound() {
        given().auth().oauth2(Fixtures.reviewer("someone")).get("/projects/{p}/dataset", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    private static io.restassured.response.Response send(Call call, Function<RequestSpecification, RequestSpecification> auth) {
        RequestSpecification request = auth.apply(given());
        if (call.body() != null) {
            request = request.contentType(ContentType.JSON).body(call.body());
        }
        return call.method().equals("GET") ? request.get(call.path()) : request.post(call.path());
    }
}
