package io.labelstream.quality;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.ItemKind;
import io.labelstream.platform.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class ItemAssessmentFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void threeAgreeingLabelsResolveTheItemAndScoreTheAnnotators() {
        QualityFixtures project = new QualityFixtures(QualityFixtures.majority(), 3).defined();
        UUID itemId = project.item(ItemKind.REGULAR);
        project.label(itemId, project.annotators.get(0), "pos");
        project.label(itemId, project.annotators.get(1), "pos");

        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(reviewerToken(project))
                .get("/projects/{p}/quality/items/{i}", project.projectId, itemId)
                .then().statusCode(200).body("labelCount", equalTo(2)).body("decision", nullValue()));
        assertThat(assessments(itemId)).as("no decision before k labels").isEmpty();

        project.label(itemId, project.annotators.get(2), "pos");

        JsonNode assessed = await().atMost(WAIT).until(() -> assessments(itemId), list -> !list.isEmpty()).get(0);
        assertThat(assessed.path("decision").asText()).isEqualTo("RESOLVED");
        assertThat(assessed.path("consensusLabel").path("choice").asText()).isEqualTo("pos");
        assertThat(assessed.path("confidence").asDouble()).isEqualTo(1.0);
        assertThat(assessed.path("agreement").asDouble()).isEqualTo(1.0);
        assertThat(assessed.path("method").asText()).isEqualTo("MAJORITY");
        assertThat(assessed.path("labelCount").asInt()).isEqualTo(3);

        String third = project.annotators.get(2);
        List<JsonNode> annotator = await().atMost(WAIT).until(() -> KafkaTopics.payloads(Topics.ANNOTATOR_QUALITY,
                "AnnotatorAssessed", p -> p.path("annotatorId").asText().equals(third)), list -> !list.isEmpty());
        JsonNode latest = annotator.get(annotator.size() - 1);
        assertThat(latest.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(latest.path("agreement").asDouble()).isEqualTo(1.0);
        assertThat(latest.path("labelCount").asInt()).isEqualTo(1);
    }

    @Test
    void anItemWithItsOwnKOfOneIsDecidedOnItsFirstLabelWhileItsNeighbourWaitsForTheProjectsK() {
        QualityFixtures project = new QualityFixtures(QualityFixtures.acceptingEveryConsensus(), 3).defined();
        UUID single = project.itemWithOwnK(1);
        UUID regular = project.item(ItemKind.REGULAR);
        await().atMost(WAIT).until(() -> given().auth().oauth2(reviewerToken(project))
                .get("/projects/{p}/quality/items/{i}", project.projectId, regular).statusCode() == 200);

        project.label(single, project.annotators.get(0), "neg");
        project.label(regular, project.annotators.get(0), "neg");

        JsonNode assessed = await().atMost(WAIT).until(() -> assessments(single), l -> !l.isEmpty()).get(0);
        assertThat(assessed.path("decision").asText()).isEqualTo("RESOLVED");
        assertThat(assessed.path("consensusLabel").path("choice").asText()).isEqualTo("neg");
        assertThat(assessed.path("labelCount").asInt()).isEqualTo(1);
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(reviewerToken(project))
                .get("/projects/{p}/quality/items/{i}", project.projectId, regular)
                .then().statusCode(200).body("labelCount", equalTo(1)).body("decision", nullValue())
                .body("annotatorsPerItem", nullValue()));

        project.label(regular, project.annotators.get(1), "neg");
        project.label(regular, project.annotators.get(2), "pos");
        List<JsonNode> regularAssessments = await().atMost(WAIT).until(() -> assessments(regular), l -> !l.isEmpty());
        assertThat(regularAssessments).as("first assessed at the project's k").hasSize(1);
        assertThat(regularAssessments.get(0).path("labelCount").asInt()).isEqualTo(3);
        assertThat(regularAssessments.get(0).path("decision").asText()).isEqualTo("RESOLVED");
    }

    @Test
    void anItemWithItsOwnKOfFourWaitsForItsFourthLabel() {
        QualityFixtures project = new QualityFixtures(QualityFixtures.acceptingEveryConsensus(), 4).defined();
        UUID itemId = project.itemWithOwnK(4);
        project.label(itemId, project.annotators.get(0), "pos");
        project.label(itemId, project.annotators.get(1), "pos");
        project.label(itemId, project.annotators.get(2), "pos");

        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(reviewerToken(project))
                .get("/projects/{p}/quality/items/{i}", project.projectId, itemId)
                .then().statusCode(200).body("labelCount", equalTo(3)).body("decision", nullValue())
                .body("annotatorsPerItem", equalTo(4)));

        project.label(itemId, project.annotators.get(3), "neg");

        List<JsonNode> all = await().atMost(WAIT).until(() -> assessments(itemId), l -> !l.isEmpty());
        assertThat(all).as("nothing was decided at the project's k of 3").hasSize(1);
        assertThat(all.get(0).path("decision").asText()).isEqualTo("RESOLVED");
        assertThat(all.get(0).path("consensusLabel").path("choice").asText()).isEqualTo("pos");
        assertThat(all.get(0).path("labelCount").asInt()).isEqualTo(4);
    }

    @Test
    void labelsThatOvertakeTheirItemAreJudgedByTheProjectsKUntilTheItemArrives() {
        QualityFixtures project = new QualityFixtures(QualityFixtures.acceptingEveryConsensus(), 3).defined();
        UUID single = UUID.randomUUID();
        UUID four = UUID.randomUUID();
        project.label(single, project.annotators.get(0), "pos");
        project.label(four, project.annotators.get(0), "neu");
        project.label(four, project.annotators.get(1), "neu");
        project.label(four, project.annotators.get(2), "neu");
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(reviewerToken(project))
                .get("/projects/{p}/quality/items/{i}", project.projectId, single)
                .then().statusCode(200).body("labelCount", equalTo(1)).body("decision", nullValue()));
        JsonNode atProjectK = await().atMost(WAIT).until(() -> assessments(four), l -> !l.isEmpty()).get(0);
        assertThat(atProjectK.path("decision").asText()).isEqualTo("RESOLVED");

        project.ingest(single, ItemKind.REGULAR, 1);
        project.ingest(four, ItemKind.REGULAR, 4);

        // the item that already holds its one label is decided without waiting for another label
        JsonNode decided = await().atMost(WAIT).until(() -> assessments(single), l -> !l.isEmpty()).get(0);
        assertThat(decided.path("decision").asText()).isEqualTo("RESOLVED");
        assertThat(decided.path("labelCount").asInt()).isEqualTo(1);
        // the one resolved at the project's k now has fewer labels than its own
        JsonNode reopened = await().atMost(WAIT).until(() -> assessments(four), l -> l.size() == 2).get(1);
        assertThat(reopened.path("decision").asText()).isEqualTo("NEEDS_MORE_LABELS");
        assertThat(reopened.path("labelCount").asInt()).isEqualTo(3);
    }

    @Test
    void aSplitAsksForMoreLabelsAndAThreeWaySplitIsDisputed() {
        QualityFixtures project = new QualityFixtures(QualityFixtures.majority(), 3).defined();
        UUID split = project.item(ItemKind.REGULAR);
        UUID threeWay = project.item(ItemKind.REGULAR);
        project.label(split, project.annotators.get(0), "pos");
        project.label(split, project.annotators.get(1), "pos");
        project.label(split, project.annotators.get(2), "neg");
        project.label(threeWay, project.annotators.get(0), "pos");
        project.label(threeWay, project.annotators.get(1), "neg");
        project.label(threeWay, project.annotators.get(2), "neu");

        JsonNode splitAssessment = await().atMost(WAIT).until(() -> assessments(split), l -> !l.isEmpty()).get(0);
        assertThat(splitAssessment.path("decision").asText()).isEqualTo("NEEDS_MORE_LABELS");
        assertThat(splitAssessment.path("consensusLabel").path("choice").asText()).isEqualTo("pos");
        assertThat(splitAssessment.path("confidence").asDouble()).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        JsonNode threeWayAssessment = await().atMost(WAIT).until(() -> assessments(threeWay), l -> !l.isEmpty()).get(0);
        assertThat(threeWayAssessment.path("decision").asText()).isEqualTo("DISPUTED");
    }

    @Test
    void aDuplicateAnnotationChangesNothing() {
        QualityFixtures project = new QualityFixtures(QualityFixtures.majority(), 4).defined();
        UUID itemId = project.item(ItemKind.REGULAR);
        project.label(itemId, project.annotators.get(0), "pos");
        project.label(itemId, project.annotators.get(1), "pos");
        EventEnvelope third = KafkaTopics.envelope(project.annotation(itemId, project.annotators.get(2), "neg"));
        KafkaTopics.send(Topics.ANNOTATIONS, third);
        await().atMost(WAIT).until(() -> assessments(itemId).size() == 1);

        // the same record redelivered, and the same annotation again under a new event id
        KafkaTopics.send(Topics.ANNOTATIONS, third);
        KafkaTopics.send(Topics.ANNOTATIONS, EventCodec.payload(third, AnnotationSubmitted.class));
        // a new label on the same partition: once it is assessed, the duplicates before it were handled
        project.label(itemId, project.annotators.get(3), "pos");

        List<JsonNode> all = await().atMost(WAIT).until(() -> assessments(itemId), l -> l.size() >= 2);
        assertThat(all).hasSize(2);
        assertThat(all.get(1).path("labelCount").asInt()).isEqualTo(4);
        assertThat(all.get(1).path("consensusLabel").path("choice").asText()).isEqualTo("pos");
        given().auth().oauth2(reviewerToken(project))
                .get("/projects/{p}/quality/annotators/{a}", project.projectId, project.annotators.get(2))
                .then().statusCode(200).body("labelCount", equalTo(1));
    }

    @Test
    void aRevisionReplacesTheAnnotatorsEarlierLabel() {
        QualityFixtures project = new QualityFixtures(QualityFixtures.majority(), 3).defined();
        UUID itemId = project.item(ItemKind.REGULAR);
        project.label(itemId, project.annotators.get(0), "pos");
        project.label(itemId, project.annotators.get(1), "neg");
        AnnotationSubmitted first = project.label(itemId, project.annotators.get(2), "neg");
        await().atMost(WAIT).until(() -> assessments(itemId).size() == 1);

        AnnotationSubmitted revised = new AnnotationSubmitted(first.annotationId(), first.assignmentId(), itemId,
                project.projectId, first.annotatorId(), QualityFixtures.choice("pos"), null, first.serverDurationMs(),
                1, 1, 1, first.submittedAt().plusSeconds(30));
        EventEnvelope envelope = KafkaTopics.send(Topics.ANNOTATIONS, revised);
        assertThat(envelope.type()).isEqualTo(AnnotationSubmitted.REVISED);

        List<JsonNode> all = await().atMost(WAIT).until(() -> assessments(itemId), l -> l.size() == 2);
        assertThat(all.get(1).path("consensusLabel").path("choice").asText()).isEqualTo("pos");
        assertThat(all.get(1).path("labelCount").asInt()).isEqualTo(3);
    }

    @Test
    void poisonRecordsAreDeadLetteredAndThePartitionKeepsFlowing() {
        QualityFixtures project = new QualityFixtures(QualityFixtures.majority(), 3).defined();
        UUID itemId = project.item(ItemKind.REGULAR);
        String notAnEvent = "{not json " + UUID.randomUUID();
        KafkaTopics.send(Topics.ANNOTATIONS, itemId.toString(), notAnEvent);
        AnnotationSubmitted shapeless = new AnnotationSubmitted(UUID.randomUUID(), UUID.randomUUID(), itemId,
                project.projectId, project.annotators.get(0), null, null, 1000, 1, 1, 0, null);
        EventEnvelope withoutLabel = KafkaTopics.send(Topics.ANNOTATIONS, shapeless);
        project.label(itemId, project.annotators.get(0), "neg");
        project.label(itemId, project.annotators.get(1), "neg");
        project.label(itemId, project.annotators.get(2), "neg");

        JsonNode assessed = await().atMost(WAIT).until(() -> assessments(itemId), l -> !l.isEmpty()).get(0);
        assertThat(assessed.path("decision").asText()).isEqualTo("RESOLVED");
        await().atMost(WAIT).untilAsserted(() -> {
            List<String> dead = KafkaTopics.readAll(Topics.deadLetter(Topics.ANNOTATIONS)).stream()
                    .map(ConsumerRecord::value).toList();
            assertThat(dead).contains(notAnEvent);
            assertThat(dead).anyMatch(value -> value.contains(withoutLabel.eventId().toString()));
        });
    }

    private static List<JsonNode> assessments(UUID itemId) {
        return KafkaTopics.payloads(Topics.ITEM_QUALITY, "ItemAssessed",
                p -> p.path("itemId").asText().equals(itemId.toString()));
    }

    private static String reviewerToken(QualityFixtures project) {
        return QualityFixtures.token(project.reviewer, Roles.REVIEWER);
    }
}
