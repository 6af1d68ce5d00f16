package io.labelstream.annotation;

import io.labelstream.contracts.project.SchemaConstraints;
import io.labelstream.contracts.project.TaskType;
import io.labelstream.platform.token.AssignmentToken;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.labelstream.annotation.LabelingWorld.TOKEN_HEADER;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The HTTP shape of refused labels and bodies: problem+json naming the field and the rule; nothing stored. */
@QuarkusTest
class LabelRejectionTest {

    private static final String TEXT = "Alice met Bob in Paris, France.";

    private LabelingWorld.Project project;
    private UUID itemId;

    @BeforeEach
    void setUp() {
        project = LabelingWorld.defineProject(
                LabelingWorld.schema(TaskType.SPANS, SchemaConstraints.none(), "PER", "LOC"),
                LabelingWorld.policies(60, false));
        itemId = LabelingWorld.ingestItem(project, LabelingWorld.json("{\"text\": \"" + TEXT + "\"}"));
    }

    private io.restassured.response.ValidatableResponse submit(AssignmentToken token, Object body) {
        return given().auth().oauth2(project.annotatorBearer()).header(TOKEN_HEADER, LabelingWorld.sign(token))
                .contentType(ContentType.JSON).body(body)
                .post("/assignments/{id}/annotation", token.assignmentId()).then();
    }

    private void assertNothingStored() {
        given().auth().oauth2(project.reviewerBearer()).get("/items/{id}/annotations", itemId)
                .then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void aSpanBeyondTheTextNamesTheFieldAndTheRule() {
        AssignmentToken token = LabelingWorld.lease(project, itemId, project.annotator());
        String label = "{\"spans\": [{\"start\": 0, \"end\": 5, \"label\": \"PER\"},"
                + " {\"start\": 24, \"end\": 40, \"label\": \"LOC\"}]}";

        submit(token, Map.of("label", LabelingWorld.json(label))).statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("label.spans[1].end"))
                .body("errors.reason", hasItem("end 40 is beyond the text length 31"));
        assertNothingStored();
    }

    @Test
    void everyBrokenRuleIsReportedAtOnce() {
        AssignmentToken token = LabelingWorld.lease(project, itemId, project.annotator());
        String label = "{\"spans\": [{\"start\": 0, \"end\": 5, \"label\": \"ORG\", \"text\": \"Alice\"},"
                + " {\"start\": 2, \"end\": 9, \"label\": \"PER\", \"text\": \"Bob\"}]}";

        submit(token, Map.of("label", LabelingWorld.json(label))).statusCode(422)
                .body("errors.field", hasItem("label.spans[0].label"))
                .body("errors.field", hasItem("label.spans[1].text"))
                .body("errors.field", hasItem("label.spans[1]"));
        assertNothingStored();
    }

    @Test
    void wrongShapesAreRefusedWithTheirField() {
        AssignmentToken token = LabelingWorld.lease(project, itemId, project.annotator());

        submit(token, Map.of("label", "PER")).statusCode(422)
                .body("errors[0].field", equalTo("label")).body("errors[0].reason", equalTo("must be a JSON object"));
        submit(token, Map.of("clientDurationMs", 5)).statusCode(422).body("errors.field", hasItem("label"));
        submit(token, Map.of("label", LabelingWorld.json("{\"spans\": []}"), "clientDurationMs", "soon"))
                .statusCode(400).body("errors[0].field", equalTo("clientDurationMs"));
        submit(token, Map.of("label", LabelingWorld.json("{\"spans\": []}"), "clientDurationMs", -1))
                .statusCode(422).body("errors[0].field", equalTo("clientDurationMs"));
        submit(token, "{\"label\": ").statusCode(400).body("errors[0].field", equalTo("body"));
        submit(token, Map.of("label", LabelingWorld.json("{\"spans\": \"Alice\"}"))).statusCode(422)
                .body("errors[0].field", equalTo("label.spans")).body("errors[0].reason", equalTo("must be an array"));
        assertNothingStored();
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() {
        AssignmentToken token = LabelingWorld.lease(project, itemId, project.annotator());
        String padding = "x".repeat(10_000);

        submit(token, Map.of("label", Map.of("spans", java.util.List.of(), "note", padding))).statusCode(413)
                .contentType("application/problem+json").body("errors[0].field", equalTo("body"));
        assertNothingStored();
    }

    @Test
    void anItemNotYetReceivedIsRetriedLater() {
        UUID unknownItem = UUID.randomUUID();
        AssignmentToken token = LabelingWorld.lease(project, unknownItem, project.annotator());

        submit(token, Map.of("label", LabelingWorld.json("{\"spans\": []}"))).statusCode(503)
                .contentType("application/problem+json").header("Retry-After", "3");
    }

    @Test
    void aSchemaVersionNotYetReceivedIsRetriedLater() {
        Instant now = Instant.now();
        AssignmentToken token = new AssignmentToken(UUID.randomUUID(), itemId, project.id(), project.annotator(),
                project.schemaVersion() + 1, now, now.plusSeconds(600));

        submit(token, Map.of("label", LabelingWorld.json("{\"spans\": []}"))).statusCode(503)
                .header("Retry-After", "3");
        assertNothingStored();
    }

    @Test
    void aProjectNotYetReceivedIsRetriedLater() {
        Instant now = Instant.now();
        AssignmentToken token = new AssignmentToken(UUID.randomUUID(), itemId, UUID.randomUUID(), project.annotator(),
                project.schemaVersion(), now, now.plusSeconds(600));

        submit(token, Map.of("label", LabelingWorld.json("{\"spans\": []}"))).statusCode(503)
                .contentType("application/problem+json").header("Retry-After", "3");
        assertNothingStored();
    }
}
