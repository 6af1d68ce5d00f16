package io.labelstream.assignment;

import io.agroal.api.AgroalDataSource;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.project.ProjectState;
import io.labelstream.devstack.DevTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.labelstream.assignment.TaskPoolFixture.annotators;
import static io.labelstream.assignment.TaskPoolFixture.awaitPool;
import static io.labelstream.assignment.TaskPoolFixture.next;
import static io.labelstream.assignment.TaskPoolFixture.policies;
import static io.labelstream.assignment.TaskPoolFixture.project;
import static io.labelstream.assignment.TaskPoolFixture.publish;
import static io.labelstream.assignment.TaskPoolFixture.regular;
import static io.labelstream.assignment.TaskPoolFixture.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class SecurityTest {

    private final AgroalDataSource dataSource;

    SecurityTest(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Test
    void anAnnotatorCannotSeeReleaseOrExtendAnotherAnnotatorsAssignment() {
        UUID projectId = UUID.randomUUID();
        String owner = "owner-" + UUID.randomUUID();
        String intruder = "intruder-" + UUID.randomUUID();
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(3, 5, 0, 0, 600), 1,
                annotators(owner, intruder)));
        publish(Topics.ITEMS, regular(projectId));
        awaitPool(dataSource, projectId, 1);
        String assignmentId = next(projectId, owner).then().statusCode(200).extract().path("assignmentId");

        given().auth().oauth2(token(intruder)).get("/assignments/{a}", assignmentId)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(token(intruder)).contentType("application/json").body("{\"reason\":\"mine now\"}")
                .post("/assignments/{a}/release", assignmentId)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(token(intruder)).post("/assignments/{a}/heartbeat", assignmentId)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(token(intruder)).get("/projects/{p}/assignments", projectId)
                .then().statusCode(200).body("size()", equalTo(0));
        // the owner's lease is untouched
        given().auth().oauth2(token(owner)).get("/assignments/{a}", assignmentId)
                .then().statusCode(200).body("assignmentId", equalTo(assignmentId));
    }

    @Test
    void nonMembersAndOtherRolesAreRefused() {
        UUID projectId = UUID.randomUUID();
        String member = "member-" + UUID.randomUUID();
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(3, 5, 0, 0, 600), 1,
                annotators(member)));
        publish(Topics.ITEMS, regular(projectId));
        awaitPool(dataSource, projectId, 1);

        next(projectId, "stranger-" + UUID.randomUUID()).then().statusCode(403)
                .contentType("application/problem+json").body("status", equalTo(403));
        given().auth().oauth2(token("stranger-" + UUID.randomUUID())).get("/projects/{p}/assignments", projectId)
                .then().statusCode(403);
        given().auth().oauth2(DevTokens.mint(member, "reviewer")).post("/projects/{p}/tasks/next", projectId)
                .then().statusCode(403).contentType("application/problem+json");
        given().post("/projects/{p}/tasks/next", projectId).then().statusCode(401);
        next(UUID.randomUUID(), member).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        UUID projectId = UUID.randomUUID();
        String ann = "ann-" + UUID.randomUUID();
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(3, 5, 0, 0, 600), 1,
                annotators(ann)));
        publish(Topics.ITEMS, regular(projectId));
        awaitPool(dataSource, projectId, 1);
        String assignmentId = next(projectId, ann).then().statusCode(200).extract().path("assignmentId");

        given().auth().oauth2(token(ann)).contentType("application/json").body("{}")
                .post("/assignments/{a}/release", assignmentId)
                .then().statusCode(422).contentType("application/problem+json").body("errors.field", hasItem("reason"));
        given().auth().oauth2(token(ann)).contentType("application/json").body("{\"reason\":")
                .post("/assignments/{a}/release", assignmentId)
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token(ann)).get("/assignments/{a}", "not-a-uuid")
                .then().statusCode(404);
        given().auth().oauth2(token(ann)).get("/assignments/{a}", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        // the lease survived the refused calls
        given().auth().oauth2(token(ann)).get("/projects/{p}/assignments", projectId)
                .then().statusCode(200).body("assignmentId", equalTo(List.of(assignmentId)));
    }
}
