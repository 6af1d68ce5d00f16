package io.labelstream.adjudication;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.events.ItemDecision;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** From ItemAssessed on labeling.item-quality to GoldLabel records on labeling.gold, as a fresh consumer reads them. */
@QuarkusTest
class GoldLabelFlowTest {

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void confidentConsensusBecomesGoldWithProvenance() {
        Fixtures.Project project = Fixtures.project(0.8, 0.0);
        UUID itemId = Fixtures.item(project.id(), "ext-confident");
        UUID a1 = Fixtures.annotation(project.id(), itemId, "alice", "pos");
        UUID a2 = Fixtures.annotation(project.id(), itemId, "bob", "pos");
        awaitReviewable(project, itemId, 2);
        Fixtures.assessed(project.id(), itemId, ItemDecision.RESOLVED, "pos", 0.8, List.of(a1, a2));

        JsonNode gold = awaitLatest(itemId, 1);
        assertThat(gold.path("projectId").asText()).isEqualTo(project.id().toString());
        assertThat(gold.path("externalId").asText()).isEqualTo("ext-confident");
        assertThat(gold.path("label").path("choice").asText()).isEqualTo("pos");
        assertThat(gold.path("decidedBy").asText()).isEqualTo("CONSENSUS");
        assertThat(gold.path("confidence").asDouble()).isEqualTo(0.8);
        assertThat(gold.path("annotationIds")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(a1.toString(), a2.toString());
        assertThat(gold.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(gold.path("guidelineVersion").asInt()).isEqualTo(3);
        assertThat(gold.hasNonNull("decidedAt")).isTrue();
    }

    @Test
    void consensusArrivingBeforeItsAnnotationsStillBecomesGold() {
        Fixtures.Project project = Fixtures.project(0.8, 0.0);
        UUID itemId = Fixtures.item(project.id(), "ext-early");
        UUID notYetSeen = UUID.randomUUID();

        Fixtures.assessed(project.id(), itemId, ItemDecision.RESOLVED, "pos", 0.95, List.of(notYetSeen));

        await().atMost(WAIT).untilAsserted(() -> assertThat(GoldTopic.recordsOf(itemId.toString())).hasSize(1));
    }

    @Test
    void consensusArrivingBeforeItsProjectBecomesGoldOnceTheProjectArrives() throws Exception {
        UUID projectId = UUID.randomUUID();
        UUID itemId = Fixtures.item(projectId, "ext-before-project");
        Fixtures.assessed(projectId, itemId, ItemDecision.RESOLVED, "pos", 0.95, List.of());
        await().atMost(WAIT).until(() -> count("select count(*) from review_item where item_id = ?", itemId) == 1);

        Fixtures.project(projectId, 0.8, 0.0);

        await().atMost(WAIT).untilAsserted(() -> assertThat(GoldTopic.recordsOf(itemId.toString())).hasSize(1));
        assertThat(count("select count(*) from review_item where item_id = ?", itemId)).isZero();
    }

    private long count(String sql, UUID id) throws java.sql.SQLException {
        try (java.sql.Connection connection = dataSource.getConnection();
             java.sql.PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, id);
            try (java.sql.ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    @Test
    void disputedAndLowConfidenceItemsGoToReviewInsteadOfGold() {
        Fixtures.Project project = Fixtures.project(0.8, 0.0);
        UUID disputed = Fixtures.item(project.id(), "ext-disputed");
        UUID unsure = Fixtures.item(project.id(), "ext-unsure");
        Fixtures.assessed(project.id(), disputed, ItemDecision.DISPUTED, "pos", 0.5, List.of());
        Fixtures.assessed(project.id(), unsure, ItemDecision.RESOLVED, "neg", 0.79, List.of());

        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(project.reviewerToken())
                .get("/projects/{p}/reviews", project.id())
                .then().statusCode(200)
                .body("findAll { it.itemId == '" + disputed + "' }.reason", equalTo(List.of("DISPUTED")))
                .body("findAll { it.itemId == '" + unsure + "' }.reason", equalTo(List.of("LOW_CONFIDENCE"))));
        assertThat(GoldTopic.recordsOf(disputed.toString())).isEmpty();
        assertThat(GoldTopic.recordsOf(unsure.toString())).isEmpty();
    }

    @Test
    void sampledShareOfConfidentItemsIsSpotChecked() {
        Fixtures.Project project = Fixtures.project(0.8, 1.0);
        UUID itemId = Fixtures.item(project.id(), "ext-spot");
        Fixtures.assessed(project.id(), itemId, ItemDecision.RESOLVED, "pos", 0.99, List.of());

        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(project.reviewerToken())
                .get("/projects/{p}/reviews/{i}", project.id(), itemId)
                .then().statusCode(200).body("state", equalTo("PENDING")).body("reason", equalTo("SPOT_CHECK")));
        assertThat(GoldTopic.recordsOf(itemId.toString())).isEmpty();
    }

    @Test
    void laterConsensusWithAnotherLabelPublishesTheNextVersion() {
        Fixtures.Project project = Fixtures.project(0.8, 0.0);
        UUID itemId = Fixtures.item(project.id(), "ext-drift");
        Fixtures.assessed(project.id(), itemId, ItemDecision.RESOLVED, "pos", 0.9, List.of());
        awaitLatest(itemId, 1);
        Fixtures.assessed(project.id(), itemId, ItemDecision.RESOLVED, "neg", 0.95, List.of());

        JsonNode latest = awaitLatest(itemId, 2);
        assertThat(latest.path("label").path("choice").asText()).isEqualTo("neg");
        assertThat(latest.path("decidedBy").asText()).isEqualTo("CONSENSUS");
    }

    @Test
    void correctedItemAppearsOnceWithItsNewVersionToAFreshConsumer() {
        Fixtures.Project project = Fixtures.project(0.8, 0.0);
        UUID itemId = Fixtures.item(project.id(), "ext-corrected");
        Fixtures.assessed(project.id(), itemId, ItemDecision.RESOLVED, "pos", 0.9, List.of());
        awaitLatest(itemId, 1);

        given().auth().oauth2(project.reviewerToken()).contentType(ContentType.JSON)
                .body(Map.of("label", Map.of("choice", "neg"), "note", "sarcasm"))
                .post("/projects/{p}/gold/{i}/corrections", project.id(), itemId)
                .then().statusCode(200).body("version", equalTo(2)).body("decidedBy", equalTo("REVIEWER"))
                .body("reviewerId", equalTo(project.reviewer()));

        JsonNode latest = awaitLatest(itemId, 2);
        assertThat(latest.path("label").path("choice").asText()).isEqualTo("neg");
        assertThat(latest.path("reviewerId").asText()).isEqualTo(project.reviewer());
        List<JsonNode> records = GoldTopic.recordsOf(itemId.toString());
        assertThat(records).extracting(r -> r.path("version").asInt()).containsExactly(1, 2);

        // the reviewer has the last word: a later confident consensus does not override the correction
        Fixtures.assessed(project.id(), itemId, ItemDecision.RESOLVED, "pos", 0.99, List.of());
        UUID marker = Fixtures.item(project.id(), "ext-marker");
        Fixtures.assessed(project.id(), marker, ItemDecision.RESOLVED, "pos", 0.99, List.of());
        awaitLatest(marker, 1);
        assertThat(GoldTopic.latestPerKey().get(itemId.toString()).path("version").asInt()).isEqualTo(2);
    }

    @Test
    void invalidatedGoldItemIsTombstonedAndLeavesTheFreshConsumersMap() {
        Fixtures.Project project = Fixtures.project(0.8, 0.0);
        UUID itemId = Fixtures.item(project.id(), "ext-broken");
        Fixtures.assessed(project.id(), itemId, ItemDecision.RESOLVED, "pos", 0.9, List.of());
        awaitLatest(itemId, 1);

        given().auth().oauth2(project.reviewerToken()).contentType(ContentType.JSON)
                .body(Map.of("note", "image is corrupt"))
                .post("/projects/{p}/gold/{i}/invalidation", project.id(), itemId)
                .then().statusCode(204);

        await().atMost(WAIT).untilAsserted(() -> {
            List<JsonNode> records = GoldTopic.recordsOf(itemId.toString());
            assertThat(records).hasSize(2);
            assertThat(records.get(0).path("version").asInt()).isEqualTo(1);
            assertThat(records.get(1)).isNull();
        });
        assertThat(GoldTopic.latestPerKey()).doesNotContainKey(itemId.toString());
    }

    /** Waits until the reviewer view shows the item's annotations, so its provenance is known before assessment. */
    static void awaitReviewable(Fixtures.Project project, UUID itemId, int annotations) {
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(project.reviewerToken())
                .get("/projects/{p}/reviews/{i}", project.id(), itemId)
                .then().statusCode(200).body("annotations.size()", equalTo(annotations)));
    }

    static JsonNode awaitLatest(UUID itemId, int version) {
        return await().atMost(WAIT).until(() -> GoldTopic.latestPerKey().get(itemId.toString()),
                gold -> gold != null && gold.path("version").asInt() == version);
    }
}
