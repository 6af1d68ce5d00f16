package io.labelstream.ingestion;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.Topics;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.labelstream.ingestion.Fixtures.as;
import static io.labelstream.ingestion.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
class ProjectLifecycleTest {

    @Test
    void createdProjectGetsDefaultsTheCreatorAsManagerAndIsPublished() {
        String manager = user("manager");
        String projectId = as(manager, "manager").body("""
                {"name": "ner", "schema": {"taskType": "SPANS", "labels": [{"name": "PER"}, {"name": "LOC"}],
                  "constraints": {"allowOverlap": false}},
                 "guidelines": {"text": "Mark people and places", "edgeCases": ["titles are not names"]},
                 "policies": {"annotatorsPerItem": 2, "contentHashDedup": true}}""")
                .post("/projects").then().statusCode(201)
                .body("state", equalTo("DRAFT"))
                .body("revision", equalTo(1))
                .body("schemaVersion", equalTo(1))
                .body("created", equalTo(true))
                .body("guidelines.version", equalTo(1))
                .body("policies.annotatorsPerItem", equalTo(2))
                .body("policies.maxAnnotatorsPerItem", equalTo(5))
                .body("members.userId", hasItem(manager))
                .extract().path("projectId");

        List<ConsumerRecord<String, String>> records = Fixtures.awaitRecords(Topics.PROJECTS,
                r -> r.key().equals(projectId), 1);
        JsonNode envelope = EventCodec.mapper().valueToTree(EventCodec.read(records.get(0).value()));
        assertThat(envelope.get("type").asText()).isEqualTo("ProjectDefined");
        assertThat(envelope.at("/payload/policies/goldRate").asDouble()).isEqualTo(0.1);

        as(manager, "manager").get("/projects").then().statusCode(200).body("projectId", hasItem(projectId));
    }

    @Test
    void schemaOrGuidelineChangeBumpsTheSchemaVersionOtherChangesOnlyTheRevision() {
        String manager = user("manager");
        String projectId = Fixtures.singleLabelProject(manager);

        as(manager, "manager").body("{\"policies\": {\"goldRate\": 0.2}}").patch("/projects/" + projectId)
                .then().statusCode(200).body("revision", equalTo(2)).body("schemaVersion", equalTo(1))
                .body("policies.goldRate", equalTo(0.2f)).body("policies.annotatorsPerItem", equalTo(3));
        as(manager, "manager").body("{\"guidelines\": {\"text\": \"new rules\"}}").patch("/projects/" + projectId)
                .then().statusCode(200).body("revision", equalTo(3)).body("schemaVersion", equalTo(2))
                .body("guidelines.version", equalTo(2)).body("created", equalTo(false));
        as(manager, "manager").body("""
                {"schema": {"taskType": "SINGLE_LABEL", "labels": [{"name": "positive"}, {"name": "negative"},
                  {"name": "neutral"}]}, "expectedRevision": 3}""").patch("/projects/" + projectId)
                .then().statusCode(200).body("revision", equalTo(4)).body("schemaVersion", equalTo(3));
        as(manager, "manager").body("{\"name\": \"x\", \"expectedRevision\": 3}").patch("/projects/" + projectId)
                .then().statusCode(409);

        List<ConsumerRecord<String, String>> records = Fixtures.awaitRecords(Topics.PROJECTS,
                r -> r.key().equals(projectId), 4);
        assertThat(records.stream().map(r -> EventCodec.read(r.value()).payload().get("revision").asLong()))
                .containsExactly(1L, 2L, 3L, 4L);
        as(manager, "manager").get("/projects/" + projectId + "/versions").then().statusCode(200)
                .body("schemaVersion", equalTo(List.of(1, 2, 3)));
    }

    @Test
    void stateMachineAllowsTheDocumentedTransitionsAndRefusesOthersClearly() {
        String manager = user("manager");
        String projectId = Fixtures.singleLabelProject(manager);
        move(manager, projectId, "COMPLETED").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("DRAFT cannot move to COMPLETED"));
        move(manager, projectId, "PILOT").then().statusCode(200).body("state", equalTo("PILOT"));
        as(manager, "manager").body("{\"state\": \"ACTIVE\", \"override\": \"no pilot for this test\"}")
                .post("/projects/" + projectId + "/state").then().statusCode(200);
        move(manager, projectId, "PAUSED").then().statusCode(200);
        move(manager, projectId, "ACTIVE").then().statusCode(200);
        move(manager, projectId, "COMPLETED").then().statusCode(200).body("state", equalTo("COMPLETED"));
        move(manager, projectId, "ACTIVE").then().statusCode(409);
        as(manager, "manager").body("{\"name\": \"renamed\"}").patch("/projects/" + projectId).then().statusCode(409);
    }

    @Test
    void inconsistentSchemasAndPoliciesAreRefusedNamingTheField() {
        String manager = user("manager");
        as(manager, "manager").body("""
                {"name": "dup", "schema": {"taskType": "MULTI_LABEL", "labels": [{"name": "a"}, {"name": "a"}]}}""")
                .post("/projects").then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("schema.labels[1].name"));
        as(manager, "manager").body("{\"name\": \"r\", \"schema\": {\"taskType\": \"RATING\"}}")
                .post("/projects").then().statusCode(422).body("errors.field", hasItem("schema.constraints"));
        as(manager, "manager").body("{\"name\": \"s\", \"schema\": {\"taskType\": \"SPANS\"}}")
                .post("/projects").then().statusCode(422).body("errors.field", hasItem("schema.labels"));
        as(manager, "manager").body("""
                {"name": "p", "schema": {"taskType": "RANKING"}, "policies": {"goldRate": 1.5}}""")
                .post("/projects").then().statusCode(422).body("errors.field", hasItem("policies.goldRate"));
        as(manager, "manager").body("{\"name\": \"t\", \"schema\": {\"taskType\": \"NOPE\"}}")
                .post("/projects").then().statusCode(400).contentType("application/problem+json");
        as(manager, "manager").body("{\"name\": ").post("/projects").then().statusCode(400)
                .body("errors.field", hasItem("body"));
    }

    @Test
    void onlyManagersOfTheProjectMayChangeIt() {
        String manager = user("manager");
        String projectId = Fixtures.singleLabelProject(manager);
        as(user("other"), "manager").body("{\"name\": \"mine\"}").patch("/projects/" + projectId)
                .then().statusCode(403).contentType("application/problem+json");
        as(user("annotator"), "annotator").body("{\"name\": \"p\", \"schema\": {\"taskType\": \"RANKING\"}}")
                .post("/projects").then().statusCode(403).contentType("application/problem+json");
        Fixtures.as(manager, "manager").get("/projects/00000000-0000-0000-0000-000000000000").then().statusCode(404);
        io.restassured.RestAssured.given().get("/projects/" + projectId).then().statusCode(401);
    }

    private static io.restassured.response.Response move(String manager, String projectId, String state) {
        return as(manager, "manager").body("{\"state\": \"" + state + "\"}").post("/projects/" + projectId + "/state");
    }
}
