package io.labelstream.quality;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.ItemKind;
import io.labelstream.platform.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
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
class AnnotatorQualityTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void goldAnswersQualifyOrQuarantineAndQuarantinedLabelsStopCounting() {
        QualityFixtures project = new QualityFixtures(QualityFixtures.policies(3, 5, 2, "MAJORITY"), 4).defined();
        String bad = project.annotators.get(0);
        List<String> good = project.annotators.subList(1, 4);
        UUID gold1 = project.item(ItemKind.GOLD);
        UUID gold2 = project.item(ItemKind.GOLD);
        project.reference(gold1, "pos");
        project.reference(gold2, "neg");
        project.label(gold1, bad, "neg");
        project.label(gold2, bad, "pos");
        for (String annotator : good) {
            project.label(gold1, annotator, "pos");
            project.label(gold2, annotator, "neg");
        }

        JsonNode quarantined = await().atMost(WAIT).until(() -> latestAssessment(bad),
                a -> a != null && a.path("status").asText().equals("QUARANTINED"));
        assertThat(quarantined.path("goldAccuracy").asDouble()).isEqualTo(0.0);
        assertThat(quarantined.path("goldAnswered").asInt()).isEqualTo(2);
        for (String annotator : good) {
            JsonNode qualified = await().atMost(WAIT).until(() -> latestAssessment(annotator),
                    a -> a != null && a.path("goldAnswered").asInt() == 2);
            assertThat(qualified.path("status").asText()).isEqualTo("QUALIFIED");
            assertThat(qualified.path("goldAccuracy").asDouble()).isEqualTo(1.0);
        }

        UUID itemId = project.item(ItemKind.REGULAR);
        project.label(itemId, bad, "neg");
        project.label(itemId, good.get(0), "pos");
        project.label(itemId, good.get(1), "pos");
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(QualityFixtures.token(project.reviewer, Roles.REVIEWER))
                .get("/projects/{p}/quality/annotators/{a}", project.projectId, good.get(1))
                .then().statusCode(200).body("labelCount", equalTo(3)));
        given().auth().oauth2(QualityFixtures.token(project.reviewer, Roles.REVIEWER))
                .get("/projects/{p}/quality/items/{i}", project.projectId, itemId)
                .then().statusCode(200).body("labelCount", equalTo(2)).body("decision", nullValue());

        AnnotationSubmitted third = project.label(itemId, good.get(2), "pos");
        JsonNode assessed = await().atMost(WAIT).until(() -> KafkaTopics.payloads(Topics.ITEM_QUALITY, "ItemAssessed",
                p -> p.path("itemId").asText().equals(itemId.toString())), l -> !l.isEmpty()).get(0);
        assertThat(assessed.path("decision").asText()).isEqualTo("RESOLVED");
        assertThat(assessed.path("labelCount").asInt()).isEqualTo(3);
        assertThat(assessed.path("annotationIds").toString()).contains(third.annotationId().toString());
        assertThat(KafkaTopics.payloads(Topics.ITEM_QUALITY, "ItemAssessed",
                p -> p.path("itemId").asText().equals(gold1.toString()))).as("gold items get no decision").isEmpty();
    }

    @Test
    void annotatorsReadOnlyTheirOwnScores() {
        QualityFixtures project = new QualityFixtures(QualityFixtures.majority(), 3).defined();
        UUID itemId = project.item(ItemKind.REGULAR);
        project.label(itemId, project.annotators.get(0), "pos");
        project.label(itemId, project.annotators.get(1), "pos");
        String me = project.annotators.get(0);
        String other = project.annotators.get(1);
        String myToken = QualityFixtures.token(me, Roles.ANNOTATOR);

        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(myToken)
                .get("/projects/{p}/quality/annotators/{a}", project.projectId, me)
                .then().statusCode(200).body("annotatorId", equalTo(me)).body("labelCount", equalTo(1)));
        given().auth().oauth2(myToken).get("/projects/{p}/quality/annotators/me", project.projectId)
                .then().statusCode(200).body("annotatorId", equalTo(me));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(QualityFixtures.token(project.reviewer, Roles.REVIEWER))
                .get("/projects/{p}/quality/annotators/{a}", project.projectId, other).then().statusCode(200));

        given().auth().oauth2(myToken).get("/projects/{p}/quality/annotators/{a}", project.projectId, other)
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        given().auth().oauth2(myToken).get("/projects/{p}/quality/annotators", project.projectId)
                .then().statusCode(403);
        given().auth().oauth2(myToken).get("/projects/{p}/quality/items/{i}", project.projectId, itemId)
                .then().statusCode(403);
        given().auth().oauth2(myToken).post("/projects/{p}/quality/replays", project.projectId)
                .then().statusCode(403);
        given().auth().oauth2(QualityFixtures.token("outsider-" + UUID.randomUUID(), Roles.REVIEWER))
                .get("/projects/{p}/quality/annotators", project.projectId)
                .then().statusCode(403).contentType("application/problem+json");
        given().get("/projects/{p}/quality/progress", project.projectId).then().statusCode(401);
        given().auth().oauth2(myToken).get("/projects/{p}/quality/progress", project.projectId)
                .then().statusCode(200).body("items.IN_PROGRESS", equalTo(1));
    }

    private static JsonNode latestAssessment(String annotatorId) {
        List<JsonNode> all = KafkaTopics.payloads(Topics.ANNOTATOR_QUALITY, "AnnotatorAssessed",
                p -> p.path("annotatorId").asText().equals(annotatorId));
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }
}
