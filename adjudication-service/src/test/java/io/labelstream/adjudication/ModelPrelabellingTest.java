package io.labelstream.adjudication;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.ModelPrediction;
import io.labelstream.contracts.project.LearningPolicy;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Model pre-labelling: a confident prediction of a model that reached the project's cross-validated bar becomes
 * gold decided by MODEL; everything below either bar, and every item a person has touched, stays with people;
 * a sampled share is spot-checked by reviewers, whose corrections count against the model.
 */
@QuarkusTest
class ModelPrelabellingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String MODEL = "labelstream-linear:test:v4";

    @Test
    void onlyAPredictionAboveBothBarsOnAnUntouchedItemBecomesModelGold() {
        Fixtures.Project project = Fixtures.projectWithAutoLabel(new LearningPolicy.AutoLabel(0.9, 0.9, 0.0));
        UUID weakModel = Fixtures.item(project.id(), "weak-model");
        UUID unsure = Fixtures.item(project.id(), "unsure");
        UUID annotated = Fixtures.item(project.id(), "annotated");
        UUID noMetrics = Fixtures.item(project.id(), "no-metrics");
        UUID decided = Fixtures.item(project.id(), "decided");
        Fixtures.annotation(project.id(), annotated, project.annotator(), "neg");
        awaitAnnotations(project, annotated);

        predict(project, weakModel, "pos", 0.99, 0.85);
        predict(project, unsure, "pos", 0.80, 0.95);
        predict(project, annotated, "pos", 0.99, 0.95);
        predict(project, noMetrics, "pos", 0.99, null);
        predict(project, decided, "neg", 0.97, 0.95);

        JsonNode gold = GoldLabelFlowTest.awaitLatest(decided, 1);
        assertThat(gold.path("decidedBy").asText()).isEqualTo("MODEL");
        assertThat(gold.path("modelId").asText()).isEqualTo(MODEL);
        assertThat(gold.path("label").path("choice").asText()).isEqualTo("neg");
        assertThat(gold.path("confidence").asDouble()).isEqualTo(0.97);
        assertThat(gold.has("reviewerId")).isFalse();
        for (UUID item : List.of(weakModel, unsure, annotated, noMetrics)) {
            // the prediction is stored in the same transaction as any decision on it
            await().atMost(WAIT).untilAsserted(() -> view(project, item).body("predictions.size()", equalTo(1)));
            view(project, item).body("gold", nullValue()).body("state", nullValue());
        }
    }

    @Test
    void aSampledDecisionIsSpotCheckedAndAReviewersCorrectionCountsAgainstTheModel() {
        Fixtures.Project project = Fixtures.projectWithAutoLabel(new LearningPolicy.AutoLabel(0.9, 0.9, 1.0));
        UUID itemId = Fixtures.item(project.id(), "spot-checked");
        predict(project, itemId, "pos", 0.98, 0.96);

        GoldLabelFlowTest.awaitLatest(itemId, 1);
        await().atMost(WAIT).untilAsserted(() -> view(project, itemId)
                .body("state", equalTo("PENDING")).body("reason", equalTo("MODEL_SPOT_CHECK"))
                .body("gold.decidedBy", equalTo("MODEL")));
        String leaseId = given().auth().oauth2(project.reviewerToken()).post("/projects/{p}/reviews/lease", project.id())
                .then().statusCode(200).body("itemId", equalTo(itemId.toString())).extract().path("lease.leaseId");
        given().auth().oauth2(project.reviewerToken()).contentType(ContentType.JSON)
                .body(Map.of("leaseId", leaseId, "label", Map.of("choice", "neg")))
                .post("/projects/{p}/reviews/{i}/decision", project.id(), itemId)
                .then().statusCode(200).body("version", equalTo(2)).body("decidedBy", equalTo("REVIEWER"));

        assertThat(GoldLabelFlowTest.awaitLatest(itemId, 2).path("label").path("choice").asText()).isEqualTo("neg");
        given().auth().oauth2(Fixtures.token(project.manager(), "manager"))
                .get("/projects/{p}/overturns", project.id())
                .then().statusCode(200)
                .body("byReason.find { it.reason == 'MODEL_SPOT_CHECK' }.overturned", equalTo(1))
                .body("byDecider.find { it.decidedBy == 'MODEL' }.reviewed", equalTo(1))
                .body("byDecider.find { it.decidedBy == 'MODEL' }.overturnRate", equalTo(1.0f));

        // a later, even more confident prediction does not undo the reviewer
        predict(project, itemId, "pos", 0.999, 0.99);
        await().atMost(WAIT).untilAsserted(() -> view(project, itemId).body("predictions.size()", equalTo(1))
                .body("predictions[0].distribution.pos", equalTo(0.999f)));
        view(project, itemId).body("gold.version", equalTo(2)).body("gold.decidedBy", equalTo("REVIEWER"));
    }

    private static void predict(Fixtures.Project project, UUID itemId, String label, double confidence, Double modelF1) {
        String other = label.equals("pos") ? "neg" : "pos";
        Fixtures.send(Topics.PREDICTIONS, new ModelPrediction(itemId, project.id(), MODEL,
                Map.of(label, confidence, other, 1 - confidence), Fixtures.choice(label), Instant.now(), modelF1));
    }

    private static void awaitAnnotations(Fixtures.Project project, UUID itemId) {
        await().atMost(WAIT).untilAsserted(() -> view(project, itemId).body("annotations.size()", equalTo(1)));
    }

    private static ValidatableResponse view(Fixtures.Project project, UUID itemId) {
        return given().auth().oauth2(project.reviewerToken())
                .get("/projects/{p}/reviews/{i}", project.id(), itemId).then().statusCode(200);
    }
}
