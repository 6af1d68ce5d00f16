package io.labelstream.annotation;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.project.SchemaConstraints;
import io.labelstream.contracts.project.TaskType;
import io.labelstream.platform.token.AssignmentToken;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.labelstream.annotation.LabelingWorld.TOKEN_HEADER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

@QuarkusTest
class AnnotationSubmissionTest {

    private static final int GRACE_SECONDS = 120;

    private LabelingWorld.Project project;
    private UUID itemId;

    @BeforeEach
    void setUp() {
        project = LabelingWorld.defineProject(
                LabelingWorld.schema(TaskType.SPANS, SchemaConstraints.none(), "PER", "LOC"),
                LabelingWorld.policies(GRACE_SECONDS, false));
        itemId = LabelingWorld.ingestItem(project, LabelingWorld.json("{\"text\": \"Alice met Bob in Paris.\"}"));
    }

    private static Map<String, Object> body(String label) {
        return Map.of("label", LabelingWorld.json(label), "clientDurationMs", 4200);
    }

    private static final String ALICE = "{\"spans\": [{\"start\": 0, \"end\": 5, \"label\": \"PER\", \"text\": \"Alice\"}]}";
    private static final String PARIS = "{\"spans\": [{\"start\": 17, \"end\": 22, \"label\": \"LOC\", \"text\": \"Paris\"}]}";

    private io.restassured.response.Response post(AssignmentToken token, Object body) {
        return given().auth().oauth2(project.annotatorBearer())
                .header(TOKEN_HEADER, LabelingWorld.sign(token))
                .contentType(ContentType.JSON).body(body)
                .post("/assignments/{id}/annotation", token.assignmentId());
    }

    @Test
    void aValidLabelIsStoredWithBothDurationsAndPublishedKeyedByItem() {
        AssignmentToken token = LabelingWorld.lease(project, itemId, project.annotator());

        post(token, body(ALICE)).then().statusCode(201)
                .body("assignmentId", equalTo(token.assignmentId().toString()))
                .body("itemId", equalTo(itemId.toString()))
                .body("annotatorId", equalTo(project.annotator()))
                .body("revision", equalTo(0))
                .body("label.spans[0].label", equalTo("PER"))
                .body("clientDurationMs", equalTo(4200))
                .body("serverDurationMs", greaterThanOrEqualTo(60_000))
                .body("guidelineVersion", equalTo(7));

        List<EventEnvelope> events = awaitEvents(token.assignmentId(), 1);
        EventEnvelope event = events.get(0);
        assertThat(event.type()).isEqualTo(AnnotationSubmitted.SUBMITTED);
        AnnotationSubmitted submitted = EventCodec.payload(event, AnnotationSubmitted.class);
        assertThat(submitted.annotatorId()).isEqualTo(project.annotator());
        assertThat(submitted.label()).isEqualTo(LabelingWorld.json(ALICE));
        assertThat(submitted.clientDurationMs()).isEqualTo(4200L);
        assertThat(submitted.serverDurationMs()).isGreaterThanOrEqualTo(60_000L);
        assertThat(submitted.schemaVersion()).isEqualTo(project.schemaVersion());
        assertThat(submitted.guidelineVersion()).isEqualTo(7);
        assertThat(submitted.revision()).isZero();
    }

    @Test
    void theSameSubmissionAgainReturnsTheStoredAnnotationAndPublishesNothingMore() {
        AssignmentToken token = LabelingWorld.lease(project, itemId, project.annotator());
        String first = post(token, body(ALICE)).then().statusCode(201).extract().path("annotationId");

        post(token, body(ALICE)).then().statusCode(200)
                .body("annotationId", equalTo(first))
                .body("revision", equalTo(0));

        awaitEvents(token.assignmentId(), 1);
        assertThat(events(token.assignmentId())).hasSize(1);
    }

    @Test
    void aDifferentLabelWithoutRevisionIsAConflictAndKeepsTheFirst() {
        AssignmentToken token = LabelingWorld.lease(project, itemId, project.annotator());
        post(token, body(ALICE)).then().statusCode(201);

        post(token, body(PARIS)).then().statusCode(409).contentType("application/problem+json")
                .body("status", equalTo(409));

        given().auth().oauth2(project.annotatorBearer()).queryParam("projectId", project.id())
                .get("/annotations/mine").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].label.spans[0].text", equalTo("Alice"));
    }

    @Test
    void aRevisionWhileTheLeaseRunsIsStoredAndPublishedAsAnnotationRevised() {
        AssignmentToken token = LabelingWorld.lease(project, itemId, project.annotator());
        String id = post(token, body(ALICE)).then().statusCode(201).extract().path("annotationId");

        post(token, Map.of("label", LabelingWorld.json(PARIS), "revision", true)).then().statusCode(200)
                .body("annotationId", equalTo(id))
                .body("revision", equalTo(1))
                .body("label.spans[0].text", equalTo("Paris"));

        List<EventEnvelope> events = awaitEvents(token.assignmentId(), 2);
        assertThat(events).extracting(EventEnvelope::type)
                .containsExactly(AnnotationSubmitted.SUBMITTED, AnnotationSubmitted.REVISED);
        AnnotationSubmitted revised = EventCodec.payload(events.get(1), AnnotationSubmitted.class);
        assertThat(revised.revision()).isEqualTo(1);
        assertThat(revised.annotationId().toString()).isEqualTo(id);
        assertThat(revised.label()).isEqualTo(LabelingWorld.json(PARIS));
    }

    @Test
    void aRevisionIsAcceptedWithinTheGraceWindowAfterTheLeaseAndRefusedAfterIt() {
        Instant now = Instant.now();
        AssignmentToken live = LabelingWorld.lease(project, itemId, project.annotator());
        post(live, body(ALICE)).then().statusCode(201);
        AssignmentToken endedInGrace = new AssignmentToken(live.assignmentId(), itemId, project.id(),
                project.annotator(), project.schemaVersion(), now.minusSeconds(600), now.minusSeconds(GRACE_SECONDS / 2));
        AssignmentToken endedLongAgo = new AssignmentToken(live.assignmentId(), itemId, project.id(),
                project.annotator(), project.schemaVersion(), now.minusSeconds(600), now.minusSeconds(GRACE_SECONDS * 2));

        post(endedLongAgo, Map.of("label", LabelingWorld.json(PARIS), "revision", true)).then().statusCode(410)
                .contentType("application/problem+json");
        post(endedInGrace, Map.of("label", LabelingWorld.json(PARIS), "revision", true)).then().statusCode(200)
                .body("revision", equalTo(1));
    }

    @Test
    void theTokenMayComeInTheBody() {
        AssignmentToken token = LabelingWorld.lease(project, itemId, project.annotator());
        given().auth().oauth2(project.annotatorBearer()).contentType(ContentType.JSON)
                .body(Map.of("label", LabelingWorld.json(ALICE), "assignmentToken", LabelingWorld.sign(token)))
                .post("/assignments/{id}/annotation", token.assignmentId())
                .then().statusCode(201).body("clientDurationMs", equalTo(null));
    }

    @Test
    void concurrentDuplicatePostsStoreAndPublishOnce() throws Exception {
        AssignmentToken token = LabelingWorld.lease(project, itemId, project.annotator());
        int posts = 12;
        ExecutorService pool = Executors.newFixedThreadPool(posts);
        try {
            List<Callable<io.restassured.response.Response>> calls = new ArrayList<>();
            for (int i = 0; i < posts; i++) {
                calls.add(() -> post(token, body(ALICE)));
            }
            List<io.restassured.response.Response> answers = new ArrayList<>();
            for (Future<io.restassured.response.Response> answer : pool.invokeAll(calls)) {
                answers.add(answer.get());
            }
            assertThat(answers).extracting(io.restassured.response.Response::statusCode)
                    .containsOnly(200, 201).filteredOn(s -> s == 201).hasSize(1);
            assertThat(answers).extracting(a -> a.path("annotationId").toString()).containsOnly(
                    answers.get(0).path("annotationId").toString());
        } finally {
            pool.shutdownNow();
        }
        awaitEvents(token.assignmentId(), 1);
        assertThat(events(token.assignmentId())).hasSize(1);
    }

    private List<EventEnvelope> awaitEvents(UUID assignmentId, int count) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> events(assignmentId), e -> e.size() >= count);
    }

    private List<EventEnvelope> events(UUID assignmentId) {
        List<EventEnvelope> found = new ArrayList<>();
        for (ConsumerRecord<String, String> record : LabelingWorld.recordsWithKey(Topics.ANNOTATIONS, itemId.toString())) {
            EventEnvelope envelope = EventCodec.read(record.value());
            JsonNode assignment = envelope.payload().get("assignmentId");
            if (assignment != null && assignment.asText().equals(assignmentId.toString())) {
                found.add(envelope);
            }
        }
        return found;
    }
}
