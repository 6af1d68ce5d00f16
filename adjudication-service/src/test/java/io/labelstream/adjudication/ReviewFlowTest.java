package io.labelstream.adjudication;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.AnnotatorAssessed;
import io.labelstream.contracts.events.AnnotatorStatus;
import io.labelstream.contracts.events.ItemDecision;
import io.labelstream.contracts.events.ModelPrediction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Reviewers lease disputed items, see everything behind them, and decide, send back or invalidate. */
@QuarkusTest
class ReviewFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void reviewerSeesAnnotationsWithAnnotatorQualityConsensusAndPrediction() {
        Fixtures.Project project = Fixtures.project(0.8, 0.0);
        UUID itemId = Fixtures.item(project.id(), "ext-view");
        UUID a1 = Fixtures.annotation(project.id(), itemId, "carol", "pos");
        UUID a2 = Fixtures.annotation(project.id(), itemId, "dave", "neg");
        Fixtures.send(Topics.ANNOTATOR_QUALITY, new AnnotatorAssessed("carol", project.id(), AnnotatorStatus.ACTIVE,
                0.92, 25, 0.81, 140, 12.5, List.of(), Instant.now()));
        Fixtures.send(Topics.PREDICTIONS, new ModelPrediction(itemId, project.id(), "sentiment-v2",
                Map.of("pos", 0.3, "neg", 0.7), Fixtures.choice("neg"), Instant.now(), null));
        Fixtures.assessed(project.id(), itemId, ItemDecision.DISPUTED, "pos", 0.5, List.of(a1, a2));

        awaitQueued(project, itemId);
        await().atMost(WAIT).untilAsserted(() -> view(project, itemId)
                .body("annotations.size()", equalTo(2))
                .body("predictions.size()", equalTo(1))
                .body("annotations.find { it.annotatorId == 'carol' }.annotatorQuality.goldAccuracy", notNullValue()));

        given().auth().oauth2(project.reviewerToken()).post("/projects/{p}/reviews/lease", project.id())
                .then().statusCode(200)
                .body("itemId", equalTo(itemId.toString()))
                .body("lease.leaseId", notNullValue())
                .body("lease.reviewerId", equalTo(project.reviewer()))
                .body("item.externalId", equalTo("ext-view"))
                .body("item.data.text", equalTo("text of ext-view"))
                .body("consensus.decision", equalTo("DISPUTED"))
                .body("consensus.label.choice", equalTo("pos"))
                .body("annotations.find { it.annotatorId == 'carol' }.label.choice", equalTo("pos"))
                .body("annotations.find { it.annotatorId == 'carol' }.annotatorQuality.status", equalTo("ACTIVE"))
                .body("annotations.find { it.annotatorId == 'carol' }.annotatorQuality.goldAccuracy", equalTo(0.92f))
                .body("annotations.find { it.annotatorId == 'dave' }.label.choice", equalTo("neg"))
                .body("annotations.find { it.annotatorId == 'dave' }.annotatorQuality", nullValue())
                .body("predictions[0].modelId", equalTo("sentiment-v2"))
                .body("predictions[0].label.choice", equalTo("neg"));
    }

    @Test
    void decisionPublishesReviewerGoldAndCountsAnOverturn() {
        Fixtures.Project project = Fixtures.project(0.8, 0.0);
        UUID itemId = Fixtures.item(project.id(), "ext-decide");
        Fixtures.assessed(project.id(), itemId, ItemDecision.DISPUTED, "pos", 0.55, List.of());
        awaitQueued(project, itemId);
        String leaseId = lease(project, itemId);

        given().auth().oauth2(project.reviewerToken()).contentType(ContentType.JSON)
                .body(Map.of("leaseId", leaseId, "label", Map.of("choice", "neg"), "note", "negation in clause 2"))
                .post("/projects/{p}/reviews/{i}/decision", project.id(), itemId)
                .then().statusCode(200).body("version", equalTo(1)).body("decidedBy", equalTo("REVIEWER"))
                .body("confidence", equalTo(1.0f));

        JsonNode gold = GoldLabelFlowTest.awaitLatest(itemId, 1);
        assertThat(gold.path("label").path("choice").asText()).isEqualTo("neg");
        view(project, itemId).body("state", equalTo("DECIDED")).body("note", equalTo("negation in clause 2"));
        given().auth().oauth2(Fixtures.token(project.manager(), "manager"))
                .get("/projects/{p}/overturns", project.id())
                .then().statusCode(200).body("reviewed", equalTo(1)).body("overturned", equalTo(1))
                .body("overturnRate", equalTo(1.0f))
                .body("byReason.find { it.reason == 'DISPUTED' }.overturned", equalTo(1));

        // the same lease cannot decide twice
        given().auth().oauth2(project.reviewerToken()).contentType(ContentType.JSON)
                .body(Map.of("leaseId", leaseId, "label", Map.of("choice", "pos")))
                .post("/projects/{p}/reviews/{i}/decision", project.id(), itemId)
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void decisionNeedsTheCallersLiveLeaseAndALabelOfTheSchema() {
        String other = "rev-other-" + UUID.randomUUID().toString().substring(0, 8);
        Fixtures.Project project = Fixtures.project(0.8, 0.0, other);
        UUID itemId = Fixtures.item(project.id(), "ext-guard");
        Fixtures.assessed(project.id(), itemId, ItemDecision.DISPUTED, "pos", 0.5, List.of());
        awaitQueued(project, itemId);
        String leaseId = lease(project, itemId);

        given().auth().oauth2(Fixtures.reviewer(other)).contentType(ContentType.JSON)
                .body(Map.of("leaseId", leaseId, "label", Map.of("choice", "neg")))
                .post("/projects/{p}/reviews/{i}/decision", project.id(), itemId)
                .then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(project.reviewerToken()).contentType(ContentType.JSON)
                .body(Map.of("leaseId", leaseId, "label", Map.of("choice", "maybe")))
                .post("/projects/{p}/reviews/{i}/decision", project.id(), itemId)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("label"));
        given().auth().oauth2(project.reviewerToken()).contentType(ContentType.JSON)
                .body(Map.of("label", Map.of("choice", "neg")))
                .post("/projects/{p}/reviews/{i}/decision", project.id(), itemId)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem(containsString("leaseId")));
        given().auth().oauth2(project.reviewerToken()).contentType(ContentType.JSON)
                .body("{\"leaseId\": \"not-a-uuid\", \"label\": {}}")
                .post("/projects/{p}/reviews/{i}/decision", project.id(), itemId)
                .then().statusCode(400).contentType("application/problem+json");
        // the other reviewer gets nothing while the only item is leased
        given().auth().oauth2(Fixtures.reviewer(other)).post("/projects/{p}/reviews/lease", project.id())
                .then().statusCode(204);
        assertThat(GoldTopic.recordsOf(itemId.toString())).isEmpty();
    }

    @Test
    void sentBackItemIsReturnedAndRoutedAgainByTheNextAssessment() {
        Fixtures.Project project = Fixtures.project(0.8, 0.0);
        UUID itemId = Fixtures.item(project.id(), "ext-return");
        Fixtures.assessed(project.id(), itemId, ItemDecision.DISPUTED, "pos", 0.5, List.of());
        awaitQueued(project, itemId);
        String leaseId = lease(project, itemId);

        given().auth().oauth2(project.reviewerToken()).contentType(ContentType.JSON)
                .body(Map.of("leaseId", leaseId, "note", "needs two more opinions"))
                .post("/projects/{p}/reviews/{i}/return", project.id(), itemId)
                .then().statusCode(200).body("state", equalTo("RETURNED"));
        given().auth().oauth2(project.reviewerToken()).queryParam("state", "RETURNED")
                .get("/projects/{p}/reviews", project.id())
                .then().statusCode(200).body("itemId", hasItem(itemId.toString()));

        Fixtures.assessed(project.id(), itemId, ItemDecision.RESOLVED, "neg", 0.93, List.of());
        JsonNode gold = GoldLabelFlowTest.awaitLatest(itemId, 1);
        assertThat(gold.path("decidedBy").asText()).isEqualTo("CONSENSUS");
    }

    @Test
    void invalidatedItemNeverBecomesGold() {
        Fixtures.Project project = Fixtures.project(0.8, 0.0);
        UUID itemId = Fixtures.item(project.id(), "ext-invalid");
        Fixtures.assessed(project.id(), itemId, ItemDecision.DISPUTED, "pos", 0.5, List.of());
        awaitQueued(project, itemId);
        String leaseId = lease(project, itemId);

        given().auth().oauth2(project.reviewerToken()).contentType(ContentType.JSON)
                .body(Map.of("leaseId", leaseId, "note", "not English"))
                .post("/projects/{p}/reviews/{i}/invalidation", project.id(), itemId)
                .then().statusCode(200).body("state", equalTo("INVALID"));

        Fixtures.assessed(project.id(), itemId, ItemDecision.RESOLVED, "pos", 0.99, List.of());
        UUID marker = Fixtures.item(project.id(), "ext-invalid-marker");
        Fixtures.assessed(project.id(), marker, ItemDecision.RESOLVED, "pos", 0.99, List.of());
        GoldLabelFlowTest.awaitLatest(marker, 1);
        assertThat(GoldTopic.recordsOf(itemId.toString())).isEmpty();
    }

    @Test
    void concurrentReviewersLeaseDistinctItems() throws Exception {
        List<String> reviewers = List.of("r1", "r2", "r3", "r4", "r5", "r6").stream()
                .map(r -> r + "-" + UUID.randomUUID().toString().substring(0, 6)).toList();
        Fixtures.Project project = Fixtures.project(0.8, 0.0, reviewers.toArray(String[]::new));
        Set<String> queued = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            UUID itemId = Fixtures.item(project.id(), "ext-conc-" + i);
            Fixtures.assessed(project.id(), itemId, ItemDecision.DISPUTED, "pos", 0.5, List.of());
            queued.add(itemId.toString());
        }
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(project.reviewerToken())
                .get("/projects/{p}/reviews", project.id()).then().statusCode(200).body("size()", equalTo(4)));

        ExecutorService pool = Executors.newFixedThreadPool(reviewers.size());
        try {
            List<Future<String>> leases = new ArrayList<>();
            for (String reviewer : reviewers) {
                Callable<String> leaseOne = () -> {
                    var response = given().auth().oauth2(Fixtures.reviewer(reviewer))
                            .post("/projects/{p}/reviews/lease", project.id());
                    return response.statusCode() == 200 ? response.jsonPath().getString("itemId")
                            : "status " + response.statusCode();
                };
                leases.add(pool.submit(leaseOne));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> lease : leases) {
                results.add(lease.get());
            }
            List<String> leased = results.stream().filter(queued::contains).toList();
            assertThat(leased).doesNotHaveDuplicates().hasSize(4);
            assertThat(results).filteredOn(r -> !queued.contains(r)).containsOnly("status 204");
        } finally {
            pool.shutdownNow();
        }
    }

    private static ValidatableResponse view(Fixtures.Project project, UUID itemId) {
        return given().auth().oauth2(project.reviewerToken())
                .get("/projects/{p}/reviews/{i}", project.id(), itemId).then().statusCode(200);
    }

    private static void awaitQueued(Fixtures.Project project, UUID itemId) {
        await().atMost(WAIT).untilAsserted(() -> view(project, itemId).body("state", equalTo("PENDING")));
    }

    private static String lease(Fixtures.Project project, UUID itemId) {
        return given().auth().oauth2(project.reviewerToken()).post("/projects/{p}/reviews/lease", project.id())
                .then().statusCode(200).body("itemId", equalTo(itemId.toString()))
                .extract().path("lease.leaseId");
    }
}
