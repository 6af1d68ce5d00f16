package io.labelstream.learning;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.labelstream.contracts.project.LearningPolicy;
import io.labelstream.contracts.project.TaskType;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class LearningFlowTest {

    private final AgroalDataSource dataSource;

    LearningFlowTest(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void goldLabelsTrainAModelWhosePredictionsArePublishedAndServed() {
        Fixtures.Project project = Fixtures.project(TaskType.SINGLE_LABEL,
                new LearningPolicy(LearningPolicy.Strategy.UNCERTAINTY, null, 10, null, null));
        labelAll(project.id());
        List<UUID> unlabelled = List.of(Fixtures.item(project.id(), "claim your free cash prize now"),
                Fixtures.item(project.id(), "see you for dinner tonight"));

        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(project.managerToken())
                .get("/projects/{p}/models", project.id()).then().statusCode(200)
                .body("size()", greaterThan(0))
                .body("[0].version", greaterThan(0))
                .body("[0].modelId", startsWith("labelstream-linear:" + project.id()))
                .body("[0].metrics.folds", equalTo(5)));
        await().atMost(WAIT).untilAsserted(() -> {
            List<JsonNode> predictions = PredictionsTopic.of(project.id());
            assertThat(predictions).extracting(p -> UUID.fromString(p.get("itemId").asText())).containsAll(unlabelled);
            // an item whose gold arrived after the first training may have been scored once before it; once
            // labelled it is never scored again, by that model or a later one
            Map<String, Long> perLabelledItem = predictions.stream()
                    .map(p -> p.get("itemId").asText())
                    .filter(item -> !unlabelled.contains(UUID.fromString(item)))
                    .collect(Collectors.groupingBy(item -> item, Collectors.counting()));
            assertThat(perLabelledItem.values()).allMatch(count -> count == 1);
        });
        // each scored item keeps the prediction last published for it: the next model is compared with it
        await().atMost(WAIT).untilAsserted(() -> {
            List<JsonNode> predictions = PredictionsTopic.of(project.id());
            for (UUID item : unlabelled) {
                JsonNode last = predictions.stream().filter(p -> p.get("itemId").asText().equals(item.toString()))
                        .reduce((first, second) -> second).orElseThrow();
                assertThat(recordedPrediction(item)).isEqualTo(last.get("label").get("choice").asText());
            }
        });

        given().auth().oauth2(project.reviewerToken()).contentType("application/json")
                .body(Map.of("items", List.of(Map.of("data", Map.of("text", "win free cash now txt to claim")),
                        Map.of("data", Map.of("text", "are we meeting for lunch tomorrow")))))
                .post("/projects/{p}/models/latest/predict", project.id())
                .then().statusCode(200)
                .body("modelId", startsWith("labelstream-linear:"))
                .body("predictions", hasSize(2))
                .body("predictions[0].label.choice", equalTo("spam"))
                .body("predictions[1].label.choice", equalTo("ham"))
                .body("predictions[0].distribution.spam", greaterThan(0.5f));
    }

    @Test
    void correctionsAndTombstonesChangeTheNextModel() {
        Fixtures.Project project = Fixtures.project(TaskType.SINGLE_LABEL,
                new LearningPolicy(LearningPolicy.Strategy.UNCERTAINTY, 1, 4, null, null));
        List<UUID> items = labelAll(project.id());
        awaitLatestModelTrainedOn(project, 16);
        int before = versions(project);

        Fixtures.tombstone(items.get(0));
        Fixtures.tombstone(items.get(1));
        awaitLatestModelTrainedOn(project, 14);

        int afterTombstones = versions(project);
        assertThat(afterTombstones).isGreaterThan(before);
        // two corrections: the same number of labels, a new version trained on the corrected ones
        Fixtures.gold(project.id(), items.get(2), "ham", 2);
        Fixtures.gold(project.id(), items.get(3), "ham", 2);
        await().atMost(WAIT).untilAsserted(() -> assertThat(versions(project)).isGreaterThan(afterTombstones));
        given().auth().oauth2(project.managerToken()).get("/projects/{p}/models", project.id())
                .then().body("[0].trainingLabels", equalTo(14));
    }

    @Test
    void strategyNoneTrainsButPublishesNothing() {
        Fixtures.Project project = Fixtures.project(TaskType.SINGLE_LABEL,
                new LearningPolicy(LearningPolicy.Strategy.NONE, null, 10, null, null));
        labelAll(project.id());
        Fixtures.item(project.id(), "free prize waiting");
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(project.managerToken())
                .get("/projects/{p}/models", project.id()).then().statusCode(200).body("size()", greaterThan(0)));
        assertThat(PredictionsTopic.of(project.id())).isEmpty();
    }

    @Test
    void underStrategyNoneOnlyPredictionsThatMayPreLabelArePublishedWithTheModelsF1() {
        Fixtures.Project project = Fixtures.project(TaskType.SINGLE_LABEL, new LearningPolicy(LearningPolicy.Strategy.NONE,
                null, 10, new LearningPolicy.AutoLabel(0.5, 0.0, 0.0), null));
        labelAll(project.id());
        UUID unlabelled = Fixtures.item(project.id(), "free prize waiting, call now");
        await().atMost(WAIT).untilAsserted(() -> assertThat(PredictionsTopic.of(project.id()))
                .extracting(p -> p.get("itemId").asText()).contains(unlabelled.toString()));
        JsonNode prediction = PredictionsTopic.of(project.id()).stream()
                .filter(p -> p.get("itemId").asText().equals(unlabelled.toString())).findFirst().orElseThrow();
        // the F1 the prediction carries is that of the model version that made it
        float f1 = given().auth().oauth2(project.managerToken()).get("/projects/{p}/models", project.id())
                .then().statusCode(200).extract().jsonPath()
                .getFloat("find { it.modelId == '" + prediction.get("modelId").asText() + "' }.metrics.macroF1");
        assertThat(prediction.get("crossValidatedF1").asDouble()).isCloseTo(f1, offset(1e-6));
    }

    @Test
    void aLabelTheModelDecidedItselfIsNotTrainedOn() throws SQLException {
        Fixtures.Project project = Fixtures.project(TaskType.SINGLE_LABEL,
                new LearningPolicy(LearningPolicy.Strategy.UNCERTAINTY, 1, 4, null, null));
        labelAll(project.id());
        awaitLatestModelTrainedOn(project, 16);

        UUID decidedByModel = Fixtures.item(project.id(), "win cash now, reply WIN");
        Fixtures.modelGold(project.id(), decidedByModel, "spam");
        // the item is labelled (it is not scored again), but what training counts is unchanged
        await().atMost(WAIT).until(() -> count("select count(*) from learning_item where item_id = ? and model_decided",
                decidedByModel) == 1);
        assertThat(count("""
                select count(*) from learning_item
                where project_id = ? and gold_label is not null and not model_decided""", project.id())).isEqualTo(16);

        Fixtures.gold(project.id(), Fixtures.item(project.id(), "lunch at noon?"), "ham", 1);
        // the reviewer's label is trained on, the model's own decision is not
        awaitLatestModelTrainedOn(project, 17);
    }

    @Test
    void aGoldLabelThatOvertookItsItemIsTrainedOnOnceTheTextArrivesAndTheItemIsNotScored() throws SQLException {
        Fixtures.Project project = projectTrainedOnTheFixtures();
        int before = versions(project);

        // the gold label comes first: the training it is due for has no text to learn it from
        UUID late = UUID.randomUUID();
        Fixtures.gold(project.id(), late, "spam", 1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(versions(project)).isGreaterThan(before));
        given().auth().oauth2(project.managerToken()).get("/projects/{p}/models", project.id())
                .then().body("[0].trainingLabels", equalTo(16));

        Fixtures.item(project.id(), late, "txt WIN to claim your free prize");
        UUID unlabelled = Fixtures.item(project.id(), "are you home for dinner tonight");
        awaitLatestModelTrainedOn(project, 17);
        // a new unlabelled item is scored at once; the labelled one is not scored at all, then or since
        await().atMost(WAIT).untilAsserted(() -> assertThat(PredictionsTopic.of(project.id()))
                .extracting(p -> UUID.fromString(p.get("itemId").asText())).contains(unlabelled));
        assertThat(PredictionsTopic.of(project.id()))
                .extracting(p -> UUID.fromString(p.get("itemId").asText())).doesNotContain(late);
        assertThat(count("select count(*) from learning_item where item_id = ? and predicted_label is null", late))
                .isEqualTo(1);
    }

    @Test
    void itemsThatOvertookTheirProjectAreReadWithTheProjectsTextField() throws SQLException {
        // the items reach the learner before their project: which field holds their text is not known yet
        UUID projectId = UUID.randomUUID();
        List<UUID> items = new ArrayList<>();
        for (String text : Fixtures.SPAM) {
            items.add(Fixtures.item(projectId, UUID.randomUUID(), "body", text));
        }
        for (String text : Fixtures.HAM) {
            items.add(Fixtures.item(projectId, UUID.randomUUID(), "body", text));
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(count(
                "select count(*) from learning_item where project_id = ?", projectId)).isEqualTo(items.size()));

        Fixtures.Project project = Fixtures.project(projectId, TaskType.SINGLE_LABEL,
                new LearningPolicy(LearningPolicy.Strategy.UNCERTAINTY, 1, 4, null, "body"));
        for (int i = 0; i < items.size(); i++) {
            Fixtures.gold(projectId, items.get(i), i < Fixtures.SPAM.length ? "spam" : "ham", 1);
        }

        awaitLatestModelTrainedOn(project, items.size());
        assertThat(count("select count(*) from learning_item where project_id = ? and text is null", projectId))
                .isZero();
    }

    @Test
    void anItemWithoutTheProjectsTextFieldIsNoExample() throws SQLException {
        Fixtures.Project project = Fixtures.project(TaskType.SINGLE_LABEL,
                new LearningPolicy(LearningPolicy.Strategy.UNCERTAINTY, 1, 4, null, "body"));
        List<UUID> items = new ArrayList<>();
        for (String text : Fixtures.SPAM) {
            items.add(Fixtures.item(project.id(), UUID.randomUUID(), "body", text));
        }
        for (String text : Fixtures.HAM) {
            items.add(Fixtures.item(project.id(), UUID.randomUUID(), "body", text));
        }
        // its text is in the default field, not in the one the project names
        UUID elsewhere = Fixtures.item(project.id(), UUID.randomUUID(), "text", "free cash prize txt now");
        await().atMost(WAIT).untilAsserted(() -> assertThat(count(
                "select count(*) from learning_item where project_id = ?", project.id())).isEqualTo(items.size() + 1));
        Fixtures.gold(project.id(), elsewhere, "spam", 1);
        for (int i = 0; i < items.size(); i++) {
            Fixtures.gold(project.id(), items.get(i), i < Fixtures.SPAM.length ? "spam" : "ham", 1);
        }

        awaitLatestModelTrainedOn(project, items.size());
        assertThat(count("select count(*) from learning_item where item_id = ? and text is null", elsewhere))
                .isEqualTo(1);
    }

    @Test
    void aVersionAnotherReplicaStoredIsServedFromTheNextPrediction() throws SQLException {
        Fixtures.Project project = projectTrainedOnTheFixtures();
        int latest = versions(project);
        assertThat(predictedBy(project)).isEqualTo("labelstream-linear:" + project.id() + ":v" + latest);

        // another replica's training: a newer version in the table, which this process neither trained nor cached
        String newer = "labelstream-linear:" + project.id() + ":v" + (latest + 1);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("insert into model_version (model_id,"
                     + " project_id, version, trained_at, training_labels, macro_f1, accuracy, folds, model)"
                     + " select ?, project_id, version + 1, now(), training_labels, macro_f1, accuracy, folds, model"
                     + " from model_version where project_id = ? and version = ?")) {
            statement.setString(1, newer);
            statement.setObject(2, project.id());
            statement.setInt(3, latest);
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
        assertThat(predictedBy(project)).isEqualTo(newer);
    }

    /** The id of the model that answers a prediction request of the project. */
    private static String predictedBy(Fixtures.Project project) {
        return given().auth().oauth2(project.reviewerToken()).contentType("application/json")
                .body(Map.of("items", List.of(Map.of("data", Map.of("text", "win free cash now")))))
                .post("/projects/{p}/models/latest/predict", project.id())
                .then().statusCode(200).extract().path("modelId");
    }

    /** The label the learner recorded as the item's latest prediction, with an uncertainty beside it. */
    private String recordedPrediction(UUID itemId) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "select predicted_label, predicted_uncertainty from learning_item where item_id = ?")) {
            statement.setObject(1, itemId);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getDouble(2)).isBetween(0.0, 1.0);
                assertThat(rows.wasNull()).isFalse();
                return rows.getString(1);
            }
        }
    }

    private int count(String sql, UUID id) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** A project retrained at every gold change, once its latest model is trained on all the fixture texts. */
    private static Fixtures.Project projectTrainedOnTheFixtures() {
        Fixtures.Project project = Fixtures.project(TaskType.SINGLE_LABEL,
                new LearningPolicy(LearningPolicy.Strategy.UNCERTAINTY, 1, 4, null, null));
        labelAll(project.id());
        awaitLatestModelTrainedOn(project, Fixtures.SPAM.length + Fixtures.HAM.length);
        return project;
    }

    /** Waits until the project's latest model is one trained on {@code labels} gold labels. */
    private static void awaitLatestModelTrainedOn(Fixtures.Project project, int labels) {
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(project.managerToken())
                .get("/projects/{p}/models", project.id()).then().statusCode(200)
                .body("[0].trainingLabels", equalTo(labels)));
    }

    private static int versions(Fixtures.Project project) {
        return given().auth().oauth2(project.managerToken()).get("/projects/{p}/models", project.id())
                .then().statusCode(200).extract().path("[0].version");
    }

    /** Ingests the fixture texts and publishes their gold labels; the item ids in order, spam first. */
    static List<UUID> labelAll(UUID projectId) {
        List<UUID> items = new ArrayList<>();
        for (String text : Fixtures.SPAM) {
            items.add(Fixtures.item(projectId, text));
        }
        for (String text : Fixtures.HAM) {
            items.add(Fixtures.item(projectId, text));
        }
        for (int i = 0; i < items.size(); i++) {
            Fixtures.gold(projectId, items.get(i), i < Fixtures.SPAM.length ? "spam" : "ham", 1);
        }
        return items;
    }
}
