package io.labelstream.annotation;

import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.ReleaseReason;
import io.labelstream.contracts.events.TaskReleased;
import io.labelstream.contracts.project.SchemaConstraints;
import io.labelstream.contracts.project.TaskType;
import io.labelstream.devstack.DevTokens;
import io.labelstream.platform.security.Roles;
import io.labelstream.platform.token.AssignmentToken;
import io.labelstream.platform.token.AssignmentTokenCodec;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.labelstream.annotation.LabelingWorld.TOKEN_HEADER;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Forged, foreign, expired and released assignments are refused with problem+json and store nothing. */
@QuarkusTest
class AssignmentTokenRejectionTest {

    private static final Map<String, Object> BODY = Map.of("label", LabelingWorld.json("{\"choice\": \"cat\"}"));

    private LabelingWorld.Project project;
    private UUID itemId;

    @BeforeEach
    void setUp() {
        project = LabelingWorld.defineProject(
                LabelingWorld.schema(TaskType.SINGLE_LABEL, SchemaConstraints.none(), "cat", "dog"),
                LabelingWorld.policies(60, false));
        itemId = LabelingWorld.ingestItem(project, LabelingWorld.json("{\"text\": \"a photo caption\"}"));
    }

    private io.restassured.response.ValidatableResponse submit(String bearer, UUID assignmentId, String token) {
        var request = given().auth().oauth2(bearer).contentType(ContentType.JSON).body(BODY);
        if (token != null) {
            request.header(TOKEN_HEADER, token);
        }
        return request.post("/assignments/{id}/annotation", assignmentId).then()
                .contentType("application/problem+json");
    }

    private void assertNothingStored() {
        given().auth().oauth2(project.annotatorBearer()).queryParam("projectId", project.id())
                .get("/annotations/mine").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsUnauthorized() {
        AssignmentToken token = LabelingWorld.lease(project, itemId, project.annotator());
        byte[] otherKey = new byte[32];
        new java.security.SecureRandom().nextBytes(otherKey);
        String forged = new AssignmentTokenCodec(otherKey).sign(token);

        submit(project.annotatorBearer(), token.assignmentId(), forged).statusCode(401)
                .body("detail", containsString("signature"));
        assertNothingStored();
    }

    @Test
    void aMissingOrGarbledTokenIsUnauthorized() {
        UUID assignmentId = UUID.randomUUID();
        submit(project.annotatorBearer(), assignmentId, null).statusCode(401);
        submit(project.annotatorBearer(), assignmentId, "not-a-token").statusCode(401);
        assertNothingStored();
    }

    @Test
    void someoneElsesTokenIsForbidden() {
        AssignmentToken othersLease = LabelingWorld.lease(project, itemId, project.otherAnnotator());

        submit(project.annotatorBearer(), othersLease.assignmentId(), LabelingWorld.sign(othersLease)).statusCode(403)
                .body("detail", containsString("another annotator"));
        assertNothingStored();
    }

    @Test
    void aTokenOfAnotherAssignmentIsForbidden() {
        AssignmentToken token = LabelingWorld.lease(project, itemId, project.annotator());

        submit(project.annotatorBearer(), UUID.randomUUID(), LabelingWorld.sign(token)).statusCode(403)
                .body("detail", containsString("another assignment"));
        assertNothingStored();
    }

    @Test
    void anExpiredLeaseIsGone() {
        Instant now = Instant.now();
        AssignmentToken expired = new AssignmentToken(UUID.randomUUID(), itemId, project.id(), project.annotator(),
                project.schemaVersion(), now.minusSeconds(3600), now.minusSeconds(1));

        submit(project.annotatorBearer(), expired.assignmentId(), LabelingWorld.sign(expired)).statusCode(410)
                .body("detail", containsString("expired"));
        assertNothingStored();
    }

    @Test
    void aReleasedAssignmentIsGone() {
        AssignmentToken token = LabelingWorld.lease(project, itemId, project.annotator());
        LabelingWorld.send(Topics.ASSIGNMENTS, new TaskReleased(token.assignmentId(), itemId, project.id(),
                project.annotator(), ReleaseReason.SKIPPED, "skipped by the annotator", Instant.now()));

        // probe with a label that breaks the schema: 422 until the release is applied, 410 after; never stored
        Map<String, Object> invalid = Map.of("label", LabelingWorld.json("{\"choice\": \"unicorn\"}"));
        await().atMost(Duration.ofSeconds(60)).until(() -> given().auth().oauth2(project.annotatorBearer())
                .header(TOKEN_HEADER, LabelingWorld.sign(token)).contentType(ContentType.JSON).body(invalid)
                .post("/assignments/{id}/annotation", token.assignmentId()).statusCode() == 410);

        submit(project.annotatorBearer(), token.assignmentId(), LabelingWorld.sign(token)).statusCode(410)
                .body("detail", containsString("released"));
        assertNothingStored();
    }

    @Test
    void aCallerWithoutTheAnnotatorRoleOrMembershipIsRefused() {
        AssignmentToken token = LabelingWorld.lease(project, itemId, project.annotator());
        String signed = LabelingWorld.sign(token);

        given().contentType(ContentType.JSON).body(BODY).header(TOKEN_HEADER, signed)
                .post("/assignments/{id}/annotation", token.assignmentId())
                .then().statusCode(401).contentType("application/problem+json");
        submit(DevTokens.mint(project.annotator(), Roles.REVIEWER), token.assignmentId(), signed).statusCode(403);

        String outsider = "outsider-" + UUID.randomUUID();
        AssignmentToken outsidersLease = LabelingWorld.lease(project, itemId, outsider);
        submit(DevTokens.mint(outsider, Roles.ANNOTATOR), outsidersLease.assignmentId(),
                LabelingWorld.sign(outsidersLease)).statusCode(403);
        assertNothingStored();
    }
}
