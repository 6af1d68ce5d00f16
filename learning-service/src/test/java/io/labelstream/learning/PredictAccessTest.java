package io.labelstream.learning;

import io.labelstream.contracts.project.LearningPolicy;
import io.labelstream.contracts.project.TaskType;
import io.labelstream.devstack.DevTokens;
import io.labelstream.platform.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

@QuarkusTest
class PredictAccessTest {

    private static final Map<String, Object> ONE_ITEM = Map.of("items", List.of(Map.of("data", Map.of("text", "hello"))));

    @Test
    void noModelYetIsAConflict() {
        Fixtures.Project project = Fixtures.project(TaskType.SINGLE_LABEL, LearningPolicy.defaults());
        predict(project.id(), project.managerToken(), ONE_ITEM).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("no model yet"));
    }

    @Test
    void otherTaskTypesHaveNoBuiltInModel() {
        Fixtures.Project project = Fixtures.project(TaskType.RATING, LearningPolicy.defaults());
        predict(project.id(), project.reviewerToken(), ONE_ITEM).then().statusCode(409)
                .body("detail", containsString("no built-in model"));
    }

    @Test
    void onlyManagersAndReviewersOfTheProject() {
        Fixtures.Project project = Fixtures.project(TaskType.SINGLE_LABEL, LearningPolicy.defaults());
        predict(project.id(), project.annotatorToken(), ONE_ITEM).then().statusCode(403);
        predict(project.id(), DevTokens.mint("someone-else", Roles.REVIEWER), ONE_ITEM).then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(DevTokens.mint("someone-else", Roles.MANAGER)).get("/projects/{p}/models", project.id())
                .then().statusCode(403);
        given().get("/projects/{p}/models", project.id()).then().statusCode(401);
        predict(UUID.randomUUID(), project.managerToken(), ONE_ITEM).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void requestsAreValidatedNamingTheField() {
        Fixtures.Project project = Fixtures.project(TaskType.SINGLE_LABEL,
                new LearningPolicy(LearningPolicy.Strategy.UNCERTAINTY, null, 4, null, null));
        LearningFlowTest.labelAll(project.id());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(project.managerToken())
                .get("/projects/{p}/models", project.id()).then().body("size()", greaterThan(0)));

        predict(project.id(), project.managerToken(), Map.of("items", List.of())).then().statusCode(422)
                .contentType("application/problem+json");
        predict(project.id(), project.managerToken(),
                Map.of("items", Collections.nCopies(1001, Map.of("data", Map.of("text", "x"))))).then().statusCode(422)
                .contentType("application/problem+json");
        predict(project.id(), project.managerToken(), Map.of("items", List.of(Map.of("data", Map.of("body", "x")))))
                .then().statusCode(422).body("errors[0].field", equalTo("items[0].data.text"));
        predict(project.id(), project.managerToken(), Map.of("items",
                Collections.nCopies(1000, Map.of("data", Map.of("text", "free cash prize")))))
                .then().statusCode(200).body("predictions.size()", equalTo(1000));
    }

    private static io.restassured.response.Response predict(UUID projectId, String token, Object body) {
        return given().auth().oauth2(token).contentType("application/json").body(body)
                .post("/projects/{p}/models/latest/predict", projectId);
    }
}
