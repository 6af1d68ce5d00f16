package io.labelstream.quality;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.ItemKind;
import io.labelstream.platform.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class ReplayTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRebuildFromTheAnnotationLogEqualsTheLiveState() throws Exception {
        QualityFixtures project = new QualityFixtures(QualityFixtures.majority(), 5).defined();
        List<String> a = project.annotators;
        String[][] votes = {
                {"pos", "pos", "pos"}, {"pos", "neg", "pos"}, {"neg", "neu", "pos"}, {"neg", "neg", "neg", "pos"},
                {"neu", "neu", "pos", "neu", "neg"}, {"pos", "pos"}};
        int sent = 0;
        AnnotationSubmitted toRevise = null;
        for (String[] item : votes) {
            UUID itemId = project.item(ItemKind.REGULAR);
            for (int i = 0; i < item.length; i++) {
                AnnotationSubmitted annotation = project.label(itemId, a.get(i), item[i]);
                toRevise = toRevise == null ? annotation : toRevise;
                sent++;
            }
        }
        KafkaTopics.send(Topics.ANNOTATIONS, new AnnotationSubmitted(toRevise.annotationId(), toRevise.assignmentId(),
                toRevise.itemId(), project.projectId, toRevise.annotatorId(), QualityFixtures.choice("neg"), null,
                toRevise.serverDurationMs(), 1, 1, 1, toRevise.submittedAt().plusSeconds(600)));
        int expectedLabels = sent;
        String manager = QualityFixtures.token(project.manager, Roles.MANAGER);

        await().atMost(WAIT).until(() -> totalLabels(project, manager) == expectedLabels
                && items(project, manager).size() == 5
                && items(project, manager).stream().anyMatch(i -> i.get("assessedAt").toString().contains("00:10")));
        List<Map<String, Object>> liveItems = items(project, manager);
        List<Map<String, Object>> liveAnnotators = annotators(project, manager);
        assertThat(liveItems.stream().map(i -> i.get("decision")).distinct().count()).isGreaterThan(1);

        String location = given().auth().oauth2(manager).post("/projects/{p}/quality/replays", project.projectId)
                .then().statusCode(202).body("state", equalTo("RUNNING")).extract().header("Location");
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(manager).get(location)
                .then().statusCode(200).body("state", equalTo("COMPLETED"))
                .body("annotationsApplied", equalTo(expectedLabels + 1)));

        assertThat(items(project, manager)).usingRecursiveComparison()
                .withEqualsForType((x, y) -> Math.abs(x - y) < 1e-9, Double.class).isEqualTo(liveItems);
        assertThat(annotators(project, manager)).usingRecursiveComparison()
                .withEqualsForType((x, y) -> Math.abs(x - y) < 1e-9, Double.class).isEqualTo(liveAnnotators);
    }

    private static long totalLabels(QualityFixtures project, String token) throws Exception {
        return annotators(project, token).stream().mapToLong(m -> ((Number) m.get("labelCount")).longValue()).sum();
    }

    private static List<Map<String, Object>> items(QualityFixtures project, String token) throws Exception {
        return JSON.readValue(given().auth().oauth2(token).get("/projects/{p}/quality/items", project.projectId)
                .then().statusCode(200).extract().asString(), new TypeReference<>() { });
    }

    private static List<Map<String, Object>> annotators(QualityFixtures project, String token) throws Exception {
        return JSON.readValue(given().auth().oauth2(token).get("/projects/{p}/quality/annotators", project.projectId)
                .then().statusCode(200).extract().asString(), new TypeReference<>() { });
    }
}
