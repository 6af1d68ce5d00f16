package io.labelstream.ingestion;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static io.labelstream.ingestion.Fixtures.as;
import static io.labelstream.ingestion.Fixtures.singleLabelProject;
import static io.labelstream.ingestion.Fixtures.user;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/** Text PostgreSQL cannot store and lenient JSON are refused with 400 naming the field; nothing is written. */
@QuarkusTest
class UnsafeInputTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void aNulCharacterInAProjectFieldIsA400AndNoProjectIsMade() {
        String manager = user("manager");
        as(manager, "manager").body("""
                {"name": "a\\u0000b", "schema": {"taskType": "SINGLE_LABEL",
                  "labels": [{"name": "positive"}, {"name": "negative"}]}}""")
                .post("/projects").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("name")).body("errors.reason", hasItem(containsString("NUL")));
        as(manager, "manager").get("/projects").then().statusCode(200).body("findAll { it.name == 'a\\u0000b' }", hasSize(0));
    }

    @Test
    void anOverlongFieldIsA400NamingItNotAnIndexFailure() {
        String manager = user("manager");
        String projectId = singleLabelProject(manager);
        String huge = "u".repeat(1_000_000);
        as(manager, "manager").body("{\"members\": [{\"userId\": \"" + huge + "\", \"role\": \"ANNOTATOR\"},"
                        + " {\"userId\": \"" + manager + "\", \"role\": \"MANAGER\"}]}")
                .patch("/projects/" + projectId).then().statusCode(422).contentType(PROBLEM)
                .body("errors.field", hasItem("members[0].userId"))
                .body("errors.reason", hasItem("at most 256 characters"));
        as(manager, "manager").body("{\"description\": \"" + "d".repeat(10_001) + "\"}")
                .patch("/projects/" + projectId).then().statusCode(422).contentType(PROBLEM)
                .body("errors.field", hasItem("description"));
        as(manager, "manager").get("/projects/" + projectId).then().statusCode(200)
                .body("members", hasSize(1)).body("revision", equalTo(1));
    }

    @Test
    void aNulCharacterInItemDataOrMetadataIsA400NamingIt() {
        String manager = user("manager");
        String projectId = singleLabelProject(manager);
        as(manager, "manager").body("{\"externalId\": \"n-1\", \"data\": {\"text\": \"a\\u0000\"}}")
                .post("/projects/" + projectId + "/items").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("data"));
        as(manager, "manager").body("{\"externalId\": \"n-2\", \"data\": {\"text\": \"ok\"}, \"metadata\": {\"k\\u0000\": 1}}")
                .post("/projects/" + projectId + "/items").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("metadata"));
        as(manager, "manager").body("{\"externalId\": \"n\\u0000\", \"data\": {\"text\": \"ok\"}}")
                .post("/projects/" + projectId + "/items").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("externalId"));
        as(manager, "manager").body("{\"externalId\": \"n-3\", \"data\": {\"text\": \"ok\"}} trailing")
                .post("/projects/" + projectId + "/items").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("body"));
        as(manager, "manager").get("/projects/" + projectId + "/items").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void anUploadRejectsOnlyItsUnsafeLines() throws Exception {
        String manager = user("manager");
        String projectId = singleLabelProject(manager);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write("{\"externalId\": \"l-1\", \"data\": {\"text\": \"one\"}}\n".getBytes(StandardCharsets.UTF_8));
        file.write("{\"externalId\": \"l-2\", \"data\": {\"text\": \"nul \\u0000 here\"}}\n".getBytes(StandardCharsets.UTF_8));
        file.write("{\"externalId\": \"l-3\", \"data\": {\"text\": \"".getBytes(StandardCharsets.UTF_8));
        file.write(new byte[] {(byte) 0xC3, (byte) 0x28});
        file.write("\"}}\n".getBytes(StandardCharsets.UTF_8));
        file.write("{\"externalId\": \"l-4\", \"data\": {\"text\": \"four\"}}\n".getBytes(StandardCharsets.UTF_8));

        as(manager, "manager").contentType("application/x-ndjson").body(file.toByteArray())
                .post("/projects/" + projectId + "/uploads").then().statusCode(200)
                .body("state", equalTo("COMPLETED")).body("accepted", equalTo(2)).body("rejected", equalTo(2))
                .body("rejections.line", equalTo(java.util.List.of(2, 3)))
                .body("rejections[0].reason", containsString("NUL"))
                .body("rejections[1].reason", containsString("UTF-8"));
        as(manager, "manager").get("/projects/" + projectId + "/items").then().statusCode(200)
                .body("items", hasSize(2)).body("items.externalId", hasItem("l-4"));
    }
}
