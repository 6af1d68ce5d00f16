package io.labelstream.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.labelstream.contracts.EventPayload;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.events.ItemKind;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.project.Guidelines;
import io.labelstream.contracts.project.LabelDefinition;
import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.ProjectMember;
import io.labelstream.contracts.project.ProjectPolicies;
import io.labelstream.contracts.project.ProjectRole;
import io.labelstream.contracts.project.ProjectState;
import io.labelstream.contracts.project.SchemaConstraints;
import io.labelstream.contracts.project.TaskType;
import io.labelstream.platform.security.Roles;
import io.labelstream.quality.domain.agreement.KrippendorffAlpha;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntPredicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** Pairwise kappa and the pilot's calibration, read over REST after the labels went through the broker. */
@QuarkusTest
class CalibrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final RestAssuredConfig DOUBLES = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    private static final List<String> MAMMOGRAMS = List.of("normal", "benign", "suspected", "cancer");

    /**
     * Wikipedia, "Cohen's kappa", Examples, "Simple example": 50 grant proposals, readers A and B, Yes/No;
     * kappa = 0.4.
     */
    private static final long[][] GRANT_PROPOSALS = {{20, 5}, {10, 15}};

    /**
     * Penn State STAT 509, lesson 18.7 "Cohen's Kappa Statistic for Measuring Agreement": two radiologists,
     * 85 xeromammograms, four ordered categories; weighted kappa 0.57 (unweighted 0.4728 from the same table).
     */
    private static final long[][] RADIOLOGISTS = {{21, 12, 0, 0}, {4, 17, 1, 0}, {3, 9, 15, 2}, {0, 0, 0, 1}};

    @Test
    void pairwiseKappaOfTheGrantProposalsAfterReplayingTheirLabels() {
        Project project = new Project(TaskType.SINGLE_LABEL, List.of("Yes", "No"), ProjectState.ACTIVE,
                ProjectPolicies.defaults(), false);
        project.define(1, 1);
        project.replayTable(GRANT_PROPOSALS, List.of("Yes", "No"), false, 1);
        String third = project.annotators.get(2);
        for (int i = 0; i < 4; i++) {
            project.label(project.newItem(false), third, "Yes", 1);
        }

        await().atMost(WAIT).untilAsserted(() -> given().config(DOUBLES).auth().oauth2(project.reviewerToken())
                .get("/projects/{p}/quality/agreement/pairs", project.projectId)
                .then().statusCode(200)
                .body("minCommonItems", equalTo(10))
                .body("pairs", hasSize(1))
                .body("pairs[0].annotatorA", equalTo(project.annotators.get(0)))
                .body("pairs[0].commonItems", equalTo(50))
                .body("pairs[0].observedAgreement", closeTo(0.7, 1e-9))
                .body("pairs[0].cohenKappa", closeTo(0.4, 1e-9))
                .body("pairs[0].weightedKappa", nullValue())
                .body("meanCohenKappa", closeTo(0.4, 1e-9))
                .body("items", equalTo(50))
                .body("labels", equalTo(100)));
        given().auth().oauth2(project.managerToken()).queryParam("minCommonItems", 1)
                .get("/projects/{p}/quality/agreement/pairs", project.projectId)
                .then().statusCode(200).body("pairs", hasSize(1));
        given().auth().oauth2(project.managerToken()).queryParam("minCommonItems", 0)
                .get("/projects/{p}/quality/agreement/pairs", project.projectId)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("minCommonItems"));
        given().auth().oauth2(project.managerToken())
                .get("/projects/{p}/quality/agreement", project.projectId)
                .then().statusCode(200)
                .body("current.alphaCoverage.items", equalTo(50))
                .body("current.alphaCoverage.labels", equalTo(100))
                .body("current.alphaInterval", nullValue());
    }

    @Test
    void weightedKappaAndIntervalAlphaOfARatingScale() {
        Project project = new Project(TaskType.RATING, MAMMOGRAMS, ProjectState.ACTIVE, ProjectPolicies.defaults(),
                false);
        project.define(1, 1);
        project.replayTable(RADIOLOGISTS, MAMMOGRAMS, false, 1);

        await().atMost(WAIT).untilAsserted(() -> given().config(DOUBLES).auth().oauth2(project.managerToken())
                .get("/projects/{p}/quality/agreement/pairs", project.projectId)
                .then().statusCode(200)
                .body("pairs", hasSize(1))
                .body("pairs[0].commonItems", equalTo(85))
                .body("pairs[0].cohenKappa", closeTo(0.4728, 5e-5))
                .body("pairs[0].weightedKappa.linear", closeTo(0.57, 0.005))
                .body("weighting", equalTo(List.of("LINEAR", "QUADRATIC"))));
        given().config(DOUBLES).auth().oauth2(project.managerToken())
                .get("/projects/{p}/quality/agreement", project.projectId)
                .then().statusCode(200)
                .body("current.alphaInterval", closeTo(project.intervalAlpha(), 1e-9))
                .body("current.alphaCoverage.items", equalTo(85))
                .body("current.fleissKappaCoverage.items", equalTo(0));
    }

    @Test
    void aRevisedGuidelineRestartsThePilotAndEachVersionKeepsItsVerdict() {
        ProjectPolicies policies = withCalibration(0.8, 20);
        Project project = new Project(TaskType.SINGLE_LABEL, List.of("pos", "neg", "neu"), ProjectState.PILOT,
                policies, true);
        project.define(1, 1);
        // version 1: the second and third annotators stray on a fifth of the items each, kappa about 0.6
        project.pilot(20, 1, i -> i % 5 == 0, i -> i % 5 == 2);

        await().atMost(WAIT).untilAsserted(() -> given().config(DOUBLES).auth().oauth2(project.managerToken())
                .get("/projects/{p}/quality/calibration", project.projectId)
                .then().statusCode(200)
                .body("guidelineVersion", equalTo(1))
                .body("pilotItems", equalTo(20))
                .body("labels", equalTo(60))
                .body("state", equalTo("FAILED"))
                .body("pairs", hasSize(3))
                .body("annotators", hasSize(3))
                .body("byGuidelineVersion", hasSize(1)));
        double failedKappa = given().config(DOUBLES).auth().oauth2(project.managerToken())
                .get("/projects/{p}/quality/calibration", project.projectId).path("meanCohenKappa");
        assertThat(failedKappa).isBetween(0.4, 0.8);
        awaitVerdict(project.projectId, 1, "FAILED");

        project.define(2, 2);
        awaitVerdict(project.projectId, 2, "PENDING");
        project.pilot(20, 2, i -> false, i -> i == 7);

        await().atMost(WAIT).untilAsserted(() -> given().config(DOUBLES).auth().oauth2(project.reviewerToken())
                .get("/projects/{p}/quality/calibration", project.projectId)
                .then().statusCode(200)
                .body("guidelineVersion", equalTo(2))
                .body("state", equalTo("PASSED"))
                .body("annotatorsBelowTarget", hasSize(0))
                .body("byGuidelineVersion[0].guidelineVersion", equalTo(1))
                .body("byGuidelineVersion[0].state", equalTo("FAILED"))
                .body("byGuidelineVersion[0].meanCohenKappa", closeTo(failedKappa, 1e-9))
                .body("byGuidelineVersion[1].guidelineVersion", equalTo(2))
                .body("byGuidelineVersion[1].pilotItems", equalTo(20))
                .body("byGuidelineVersion[1].state", equalTo("PASSED")));
        JsonNode passed = awaitVerdict(project.projectId, 2, "PASSED");
        assertThat(passed.path("meanCohenKappa").asDouble()).isGreaterThanOrEqualTo(0.8);
        assertThat(passed.path("targetKappa").asDouble()).isEqualTo(0.8);
        assertThat(passed.path("pilotItems").asInt()).isEqualTo(20);
    }

    @Test
    void annotatorsReadNoAgreementReport() {
        Project project = new Project(TaskType.SINGLE_LABEL, List.of("pos", "neg"), ProjectState.PILOT,
                ProjectPolicies.defaults(), true);
        project.define(1, 1);
        String annotator = QualityFixtures.token(project.annotators.get(0), Roles.ANNOTATOR);
        for (String report : List.of("agreement", "agreement/pairs", "calibration")) {
            given().auth().oauth2(annotator).get("/projects/{p}/quality/" + report, project.projectId)
                    .then().statusCode(403).contentType("application/problem+json");
        }
        String outsider = QualityFixtures.token("someone-" + UUID.randomUUID(), Roles.MANAGER);
        given().auth().oauth2(outsider).get("/projects/{p}/quality/calibration", project.projectId)
                .then().statusCode(403);
        given().auth().oauth2(project.managerToken()).get("/projects/{p}/quality/calibration", project.projectId)
                .then().statusCode(200).body("state", equalTo("PENDING")).body("meanCohenKappa", nullValue());
    }

    private static JsonNode awaitVerdict(UUID projectId, int guidelineVersion, String state) {
        return await().atMost(WAIT).until(() -> {
            List<JsonNode> verdicts = KafkaTopics.payloads(Topics.PROJECT_QUALITY, "CalibrationAssessed",
                    p -> p.path("projectId").asText().equals(projectId.toString()));
            return verdicts.isEmpty() ? null : verdicts.get(verdicts.size() - 1);
        }, v -> v != null && v.path("guidelineVersion").asInt() == guidelineVersion
                && v.path("state").asText().equals(state));
    }

    static ProjectPolicies withCalibration(double target, int minItems) {
        ProjectPolicies d = ProjectPolicies.defaults();
        return new ProjectPolicies(d.annotatorsPerItem(), d.maxAnnotatorsPerItem(), d.goldRate(), d.qualificationItems(),
                d.qualificationMinAccuracy(), d.quarantineAccuracy(), d.autoAcceptConfidence(), d.spotCheckRate(),
                d.targetAgreement(), d.leaseSeconds(), d.revisionGraceSeconds(), d.modelAssisted(),
                d.contentHashDedup(), d.hourlyRate(), d.weight(), "MAJORITY", target, minItems, null);
    }

    /** A project of three annotators with one reviewer and one manager, and the events a test sends about it. */
    private static final class Project {

        final UUID projectId = UUID.randomUUID();
        final String manager = "manager-" + UUID.randomUUID();
        final String reviewer = "reviewer-" + UUID.randomUUID();
        final List<String> annotators = List.of("ann-" + UUID.randomUUID(), "bea-" + UUID.randomUUID(),
                "cid-" + UUID.randomUUID());
        private final TaskType type;
        private final List<String> categories;
        private final ProjectState state;
        private final ProjectPolicies policies;
        private final boolean pilotMembers;
        private final List<List<Double>> ratings = new ArrayList<>();
        private Instant clock = Instant.parse("2026-02-01T00:00:00Z");

        Project(TaskType type, List<String> categories, ProjectState state, ProjectPolicies policies,
                boolean pilotMembers) {
            this.type = type;
            this.categories = categories;
            this.state = state;
            this.policies = policies;
            this.pilotMembers = pilotMembers;
        }

        /** Publishes the project at the revision with the guideline version and waits until quality has it. */
        void define(long revision, int guidelineVersion) {
            List<ProjectMember> members = new ArrayList<>();
            members.add(new ProjectMember(manager, ProjectRole.MANAGER, false));
            members.add(new ProjectMember(reviewer, ProjectRole.REVIEWER, false));
            annotators.forEach(a -> members.add(new ProjectMember(a, ProjectRole.ANNOTATOR, pilotMembers)));
            LabelingSchema schema = type == TaskType.RATING
                    ? new LabelingSchema(type, List.of(), new SchemaConstraints(null, null, null, null, null, null,
                            null, null, null, categories, null))
                    : new LabelingSchema(type, categories.stream().map(c -> new LabelDefinition(c, null, null)).toList(),
                            SchemaConstraints.none());
            KafkaTopics.send(Topics.PROJECTS, new ProjectEvent(projectId, "calibration test", null, state,
                    guidelineVersion, revision, schema,
                    new Guidelines(guidelineVersion, "version " + guidelineVersion, List.of(), List.of()), policies,
                    members, Instant.now(), revision == 1));
            await().atMost(WAIT).until(() -> given().auth().oauth2(managerToken())
                    .get("/projects/{p}/quality/calibration", projectId)
                    .then().extract().statusCode() == 200 && given().auth().oauth2(managerToken())
                    .get("/projects/{p}/quality/calibration", projectId).path("guidelineVersion")
                    .equals(guidelineVersion));
        }

        /** The table's items, labelled by the first annotator (rows) and the second (columns). */
        void replayTable(long[][] table, List<String> names, boolean pilot, int guidelineVersion) {
            List<EventPayload> items = new ArrayList<>();
            List<EventPayload> labels = new ArrayList<>();
            for (int row = 0; row < table.length; row++) {
                for (int column = 0; column < table.length; column++) {
                    for (long n = 0; n < table[row][column]; n++) {
                        UUID item = UUID.randomUUID();
                        items.add(itemIngested(item, pilot));
                        labels.add(annotation(item, annotators.get(0), names.get(row), guidelineVersion));
                        labels.add(annotation(item, annotators.get(1), names.get(column), guidelineVersion));
                        ratings.add(List.of((double) row, (double) column));
                    }
                }
            }
            KafkaTopics.sendAll(Topics.ITEMS, items);
            KafkaTopics.sendAll(Topics.ANNOTATIONS, labels);
        }

        /**
         * Pilot items labelled by all three annotators: the first gives the item's category, the second and third
         * the next category where their predicate holds.
         */
        void pilot(int items, int guidelineVersion, IntPredicate secondStrays,
                   IntPredicate thirdStrays) {
            List<EventPayload> pilotItems = new ArrayList<>();
            List<EventPayload> labels = new ArrayList<>();
            for (int i = 0; i < items; i++) {
                UUID item = UUID.randomUUID();
                pilotItems.add(itemIngested(item, true));
                String truth = categories.get(i % categories.size());
                String other = categories.get((i + 1) % categories.size());
                labels.add(annotation(item, annotators.get(0), truth, guidelineVersion));
                labels.add(annotation(item, annotators.get(1), secondStrays.test(i) ? other : truth, guidelineVersion));
                labels.add(annotation(item, annotators.get(2), thirdStrays.test(i) ? other : truth, guidelineVersion));
            }
            KafkaTopics.sendAll(Topics.ITEMS, pilotItems);
            KafkaTopics.sendAll(Topics.ANNOTATIONS, labels);
        }

        UUID newItem(boolean pilot) {
            UUID itemId = UUID.randomUUID();
            KafkaTopics.send(Topics.ITEMS, itemIngested(itemId, pilot));
            return itemId;
        }

        ItemIngested itemIngested(UUID itemId, boolean pilot) {
            return new ItemIngested(itemId, projectId, "ext-" + itemId, ItemKind.REGULAR, pilot, false,
                    JsonNodeFactory.instance.objectNode().put("text", "some text"), null, "hash-" + itemId, 1,
                    Instant.now());
        }

        void label(UUID item, String annotator, String category, int guidelineVersion) {
            KafkaTopics.send(Topics.ANNOTATIONS, annotation(item, annotator, category, guidelineVersion));
        }

        AnnotationSubmitted annotation(UUID item, String annotator, String category, int guidelineVersion) {
            clock = clock.plusSeconds(7);
            JsonNode label = type == TaskType.RATING
                    ? JsonNodeFactory.instance.objectNode().put("rating", category)
                    : JsonNodeFactory.instance.objectNode().put("choice", category);
            return new AnnotationSubmitted(UUID.randomUUID(), UUID.randomUUID(), item, projectId, annotator, label,
                    6_000L, 6_500L, guidelineVersion, guidelineVersion, 0, clock);
        }

        /** Krippendorff's alpha on the interval scale of the replayed table, the ranks as values. */
        double intervalAlpha() {
            return KrippendorffAlpha.ofUnits(ratings, KrippendorffAlpha.Metric.INTERVAL).alpha();
        }

        String managerToken() {
            return QualityFixtures.token(manager, Roles.MANAGER);
        }

        String reviewerToken() {
            return QualityFixtures.token(reviewer, Roles.REVIEWER);
        }
    }
}
