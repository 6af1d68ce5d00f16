package io.labelstream.annotation;

import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.ModelPrediction;
import io.labelstream.contracts.project.SchemaConstraints;
import io.labelstream.contracts.project.TaskType;
import io.labelstream.platform.token.AssignmentToken;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.labelstream.annotation.LabelingWorld.TOKEN_HEADER;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Model-assisted labeling: the annotator of a live assignment fetches the latest prediction for its item. */
@QuarkusTest
class SuggestionTest {

    private static LabelingWorld.Project project(boolean modelAssisted) {
        return LabelingWorld.defineProject(
                LabelingWorld.schema(TaskType.SINGLE_LABEL, SchemaConstraints.none(), "cat", "dog"),
                LabelingWorld.policies(60, modelAssisted));
    }

    private static io.restassured.response.Response suggestion(LabelingWorld.Project project, AssignmentToken token) {
        return given().auth().oauth2(project.annotatorBearer()).header(TOKEN_HEADER, LabelingWorld.sign(token))
                .get("/assignments/{id}/suggestion", token.assignmentId());
    }

    @Test
    void theLatestPredictionIsOfferedWhenTheProjectIsModelAssisted() {
        LabelingWorld.Project project = project(true);
        UUID itemId = LabelingWorld.ingestItem(project, LabelingWorld.json("{\"text\": \"meow\"}"));
        AssignmentToken token = LabelingWorld.lease(project, itemId, project.annotator());
        suggestion(project, token).then().statusCode(404).contentType("application/problem+json");

        Instant now = Instant.now();
        LabelingWorld.send(Topics.PREDICTIONS, new ModelPrediction(itemId, project.id(), "model-old",
                Map.of("cat", 0.4, "dog", 0.6), LabelingWorld.json("{\"choice\": \"dog\"}"), now.minusSeconds(60), null));
        LabelingWorld.send(Topics.PREDICTIONS, new ModelPrediction(itemId, project.id(), "model-new",
                Map.of("cat", 0.9, "dog", 0.1), LabelingWorld.json("{\"choice\": \"cat\"}"), now, null));

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            var answer = suggestion(project, token);
            return answer.statusCode() == 200 && "model-new".equals(answer.path("modelId"));
        });
        suggestion(project, token).then().statusCode(200)
                .body("label.choice", equalTo("cat"))
                .body("distribution.cat", equalTo(0.9f));
    }

    @Test
    void noSuggestionIsGivenWhenTheProjectIsNotModelAssisted() {
        LabelingWorld.Project project = project(false);
        UUID itemId = LabelingWorld.ingestItem(project, LabelingWorld.json("{\"text\": \"woof\"}"));
        AssignmentToken token = LabelingWorld.lease(project, itemId, project.annotator());

        suggestion(project, token).then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void anotherAnnotatorsTokenGetsNoSuggestion() {
        LabelingWorld.Project project = project(true);
        UUID itemId = LabelingWorld.ingestItem(project, LabelingWorld.json("{\"text\": \"meow\"}"));
        AssignmentToken othersToken = LabelingWorld.lease(project, itemId, project.otherAnnotator());

        suggestion(project, othersToken).then().statusCode(403);
    }
}
