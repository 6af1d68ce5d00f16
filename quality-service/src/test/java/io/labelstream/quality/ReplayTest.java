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
import java.util.stream.Stream;

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

    @Test
    void aRebuildDecidesEachItemByItsOwnK() throws Exception {
        QualityFixtures project = new QualityFixtures(QualityFixtures.acceptingEveryConsensus(), 4).defined();
        List<String> a = project.annotators;
        UUID single = project.itemWithOwnK(1);
        UUID fourWithThree = project.itemWithOwnK(4);
        UUID fourWithFour = project.itemWithOwnK(4);
        UUID projectsWithThree = project.item(ItemKind.REGULAR);
        UUID projectsWithTwo = project.item(ItemKind.REGULAR);
        UUID overtaken = UUID.randomUUID();
        int sent = 0;
        sent += label(project, single, "pos");
        sent += label(project, fourWithThree, "pos", "pos", "neg");
        sent += label(project, fourWithFour, "neg", "neg", "pos", "neg");
        sent += label(project, projectsWithThree, "neu", "neu", "pos");
        sent += label(project, projectsWithTwo, "pos", "pos");
        // judged by the project's k live until its item arrives, by its own k from the start in the rebuild
        sent += label(project, overtaken, "pos");
        String manager = QualityFixtures.token(project.manager, Roles.MANAGER);
        int expectedLabels = sent;
        await().atMost(WAIT).until(() -> totalLabels(project, manager) == expectedLabels
                && items(project, manager).size() == 3);
        project.ingest(overtaken, ItemKind.REGULAR, 1);
        await().atMost(WAIT).until(() -> items(project, manager).size() == 4);

        List<Map<String, Object>> liveItems = items(project, manager);
        assertThat(liveItems).extracting(i -> i.get("itemId"))
                .containsExactlyInAnyOrderElementsOf(Stream.of(single, fourWithFour, projectsWithThree, overtaken)
                        .map(UUID::toString).toList());
        assertThat(liveItems).extracting(i -> i.get("decision")).containsOnly("RESOLVED");
        Map<String, Object> liveProgress = progress(project, manager);
        // one more label for the item of own k 4, one for the project's item with two
        assertThat(liveProgress.get("remainingLabels")).isEqualTo(2);

        String location = given().auth().oauth2(manager).post("/projects/{p}/quality/replays", project.projectId)
                .then().statusCode(202).extract().header("Location");
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(manager).get(location)
                .then().statusCode(200).body("state", equalTo("COMPLETED"))
                .body("annotationsApplied", equalTo(expectedLabels)));

        assertThat(items(project, manager)).usingRecursiveComparison()
                .withEqualsForType((x, y) -> Math.abs(x - y) < 1e-9, Double.class).isEqualTo(liveItems);
        Map<String, Object> rebuiltProgress = progress(project, manager);
        assertThat(rebuiltProgress.get("items")).isEqualTo(liveProgress.get("items"));
        assertThat(rebuiltProgress.get("remainingLabels")).isEqualTo(liveProgress.get("remainingLabels"));
    }

    /** Labels the item by the project's first annotators in turn; returns how many labels were sent. */
    private static int label(QualityFixtures project, UUID itemId, String... choices) {
        for (int i = 0; i < choices.length; i++) {
            project.label(itemId, project.annotators.get(i), choices[i]);
        }
        return choices.length;
    }

    private static Map<String, Object> progress(QualityFixtures project, String token) throws Exception {
        return JSON.readValue(given().auth().oauth2(token).get("/projects/{p}/quality/progress", project.projectId)
                .then().statusCode(200).extract().asString(), new TypeReference<>() { });
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
