package io.labelstream.ingestion;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.labelstream.ingestion.Fixtures.as;
import static io.labelstream.ingestion.Fixtures.singleLabelProject;
import static io.labelstream.ingestion.Fixtures.user;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * An ingestor works only in the projects it is an INGESTOR member of: there it adds items and reads them
 * back with their reference answers; in any other project it gets 403, reads no answer and writes nothing.
 */
@QuarkusTest
class IngestorMembershipTest {

    private static final String GOLD = """
            {"externalId": "g-1", "data": {"text": "great"}, "referenceAnswer": {"choice": "positive"}}""";

    @Test
    void anIngestorReachesOnlyTheProjectsItIsAMemberOf() {
        String ownManager = user("manager");
        String otherManager = user("manager");
        String pipeline = user("pipeline");
        String own = singleLabelProject(ownManager);
        String other = singleLabelProject(otherManager);
        Fixtures.addIngestor(ownManager, own, pipeline);

        String ownGold = as(pipeline, "ingestor").body(GOLD).post("/projects/" + own + "/items")
                .then().statusCode(201).extract().path("itemId");
        as(pipeline, "ingestor").get("/projects/" + own + "/items/" + ownGold).then().statusCode(200)
                .body("referenceAnswer.choice", equalTo("positive"));
        as(pipeline, "ingestor").get("/projects/" + own).then().statusCode(200);

        String otherGold = as(otherManager, "manager").body(GOLD).post("/projects/" + other + "/items")
                .then().statusCode(201).extract().path("itemId");
        as(pipeline, "ingestor").get("/projects/" + other + "/items/" + otherGold).then().statusCode(403)
                .contentType("application/problem+json");
        as(pipeline, "ingestor").get("/projects/" + other + "/items").then().statusCode(403);
        as(pipeline, "ingestor").get("/projects/" + other).then().statusCode(403);
        as(pipeline, "ingestor").body("{\"externalId\": \"x\", \"data\": {\"text\": \"x\"}}")
                .post("/projects/" + other + "/items").then().statusCode(403);
        as(pipeline, "ingestor").body("[{\"externalId\": \"y\", \"data\": {\"text\": \"y\"}}]")
                .post("/projects/" + other + "/items/batch").then().statusCode(403);
        as(pipeline, "ingestor").contentType("application/x-ndjson").body("{\"data\": {\"text\": \"z\"}}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/projects/" + other + "/uploads").then().statusCode(403);
        as(otherManager, "manager").get("/projects/" + other + "/items").then().statusCode(200)
                .body("items", hasSize(1));
    }

    @Test
    void anIngestorMembershipNeedsAnIngestorTokenAndGivesNoManagement() {
        String manager = user("manager");
        String pipeline = user("pipeline");
        String project = singleLabelProject(manager);
        Fixtures.addIngestor(manager, project, pipeline);
        // the same account with a manager's token is not this project's manager
        as(pipeline, "manager").body("{\"data\": {\"text\": \"x\"}}").post("/projects/" + project + "/items")
                .then().statusCode(403);
        as(pipeline, "manager").body("{\"description\": \"taken over\"}").patch("/projects/" + project)
                .then().statusCode(403);
        as(pipeline, "ingestor").body("{\"description\": \"taken over\"}").patch("/projects/" + project)
                .then().statusCode(403);
        as(manager, "manager").get("/projects/" + project).then().statusCode(200)
                .body("description", org.hamcrest.Matchers.nullValue());
    }
}
