package io.labelstream.annotation;

import io.labelstream.contracts.project.SchemaConstraints;
import io.labelstream.contracts.project.TaskType;
import io.labelstream.devstack.DevTokens;
import io.labelstream.platform.security.Roles;
import io.labelstream.platform.token.AssignmentToken;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.labelstream.annotation.LabelingWorld.TOKEN_HEADER;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

/** Annotators read only their own labels; reviewers and managers of the project read an item's labels. */
@QuarkusTest
class AnnotationReadsTest {

    private LabelingWorld.Project project;
    private UUID itemId;

    @BeforeEach
    void setUp() {
        project = LabelingWorld.defineProject(
                LabelingWorld.schema(TaskType.RATING, new SchemaConstraints(null, null, null, null, null, null,
                        1.0, 5.0, 1.0, null, null)),
                LabelingWorld.policies(60, false));
        itemId = LabelingWorld.ingestItem(project, LabelingWorld.json("{\"text\": \"rate me\"}"));
        submit(project.annotator(), project.annotatorBearer(), 4);
        submit(project.otherAnnotator(), project.otherAnnotatorBearer(), 2);
    }

    private void submit(String annotator, String bearer, int rating) {
        AssignmentToken token = LabelingWorld.lease(project, itemId, annotator);
        given().auth().oauth2(bearer).header(TOKEN_HEADER, LabelingWorld.sign(token)).contentType(ContentType.JSON)
                .body(Map.of("label", Map.of("rating", rating)))
                .post("/assignments/{id}/annotation", token.assignmentId()).then().statusCode(201);
    }

    @Test
    void anAnnotatorSeesOnlyTheirOwnHistory() {
        given().auth().oauth2(project.annotatorBearer()).get("/annotations/mine").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].annotatorId", equalTo(project.annotator()))
                .body("[0].label.rating", equalTo(4));
        given().auth().oauth2(project.otherAnnotatorBearer()).queryParam("projectId", project.id())
                .get("/annotations/mine").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].label.rating", equalTo(2));
    }

    @Test
    void anAnnotatorPagesThroughTheirHistoryNewestFirstByProject() {
        UUID secondItem = LabelingWorld.ingestItem(project, LabelingWorld.json("{\"text\": \"rate me too\"}"));
        AssignmentToken token = LabelingWorld.lease(project, secondItem, project.annotator());
        given().auth().oauth2(project.annotatorBearer()).header(TOKEN_HEADER, LabelingWorld.sign(token))
                .contentType(ContentType.JSON).body(Map.of("label", Map.of("rating", 5)))
                .post("/assignments/{id}/annotation", token.assignmentId()).then().statusCode(201);

        String newest = given().auth().oauth2(project.annotatorBearer()).queryParam("projectId", project.id())
                .queryParam("limit", 1).get("/annotations/mine").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].label.rating", equalTo(5))
                .extract().path("[0].submittedAt");
        given().auth().oauth2(project.annotatorBearer()).queryParam("projectId", project.id())
                .queryParam("before", newest).get("/annotations/mine").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].label.rating", equalTo(4));
        given().auth().oauth2(project.annotatorBearer()).queryParam("before", newest)
                .get("/annotations/mine").then().statusCode(200)
                .body("label.rating", contains(4));
        given().auth().oauth2(project.annotatorBearer()).get("/annotations/mine").then().statusCode(200)
                .body("label.rating", contains(5, 4));
        given().auth().oauth2(project.annotatorBearer()).queryParam("projectId", UUID.randomUUID())
                .get("/annotations/mine").then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void anAnnotatorCannotListTheLabelsOfAnItem() {
        given().auth().oauth2(project.annotatorBearer()).get("/items/{id}/annotations", itemId)
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void reviewersAndManagersOfTheProjectListEveryLabelOfAnItem() {
        given().auth().oauth2(project.reviewerBearer()).get("/items/{id}/annotations", itemId)
                .then().statusCode(200)
                .body("annotatorId", containsInAnyOrder(project.annotator(), project.otherAnnotator()));
        given().auth().oauth2(DevTokens.mint(project.manager(), Roles.MANAGER)).get("/items/{id}/annotations", itemId)
                .then().statusCode(200).body("size()", equalTo(2));
    }

    @Test
    void aReviewerOfAnotherProjectIsForbiddenAndAnUnknownItemIsNotFound() {
        given().auth().oauth2(DevTokens.mint("rev-elsewhere-" + UUID.randomUUID(), Roles.REVIEWER))
                .get("/items/{id}/annotations", itemId).then().statusCode(403);
        given().auth().oauth2(project.reviewerBearer()).get("/items/{id}/annotations", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }
}
