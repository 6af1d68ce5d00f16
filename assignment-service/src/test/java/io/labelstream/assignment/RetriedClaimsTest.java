package io.labelstream.assignment;

import io.agroal.api.AgroalDataSource;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.project.ProjectState;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static io.labelstream.assignment.TaskPoolFixture.annotators;
import static io.labelstream.assignment.TaskPoolFixture.awaitEvent;
import static io.labelstream.assignment.TaskPoolFixture.awaitPool;
import static io.labelstream.assignment.TaskPoolFixture.policies;
import static io.labelstream.assignment.TaskPoolFixture.project;
import static io.labelstream.assignment.TaskPoolFixture.publish;
import static io.labelstream.assignment.TaskPoolFixture.queryInt;
import static io.labelstream.assignment.TaskPoolFixture.regular;
import static io.labelstream.assignment.TaskPoolFixture.submission;
import static io.labelstream.assignment.TaskPoolFixture.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** A client that lost a claim's answer asks again with the same Idempotency-Key and gets the same task. */
@QuarkusTest
class RetriedClaimsTest {

    private final AgroalDataSource dataSource;

    RetriedClaimsTest(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Test
    void askingAgainWithTheSameKeyAnswersWithTheSameLease() throws Exception {
        String ann = "ann-" + UUID.randomUUID();
        UUID projectId = projectOf(ann, 2);
        String key = UUID.randomUUID().toString();

        Response first = claim(projectId, ann, key).then().statusCode(200).extract().response();
        Response again = claim(projectId, ann, key).then().statusCode(200).extract().response();

        assertThat(again.<String>path("assignmentId")).isEqualTo(first.path("assignmentId"));
        assertThat(again.<String>path("itemId")).isEqualTo(first.path("itemId"));
        assertThat(again.<String>path("assignmentToken")).isEqualTo(first.path("assignmentToken"));
        assertThat(again.<String>path("leaseExpiresAt")).isEqualTo(first.path("leaseExpiresAt"));
        assertThat(openLeases(projectId, ann)).containsExactly(first.<String>path("assignmentId"));

        // a new key is a new claim: the other item
        Response second = claim(projectId, ann, UUID.randomUUID().toString()).then().statusCode(200).extract().response();
        assertThat(second.<String>path("itemId")).isNotEqualTo(first.path("itemId"));
        assertThat(queryInt(dataSource, "select count(*) from assignment where project_id = ?", projectId)).isEqualTo(2);
    }

    @Test
    void askingAgainWhenNoOtherTaskIsLeftAnswersWithTheSameLease() throws Exception {
        String ann = "ann-" + UUID.randomUUID();
        UUID projectId = projectOf(ann, 1);
        String key = UUID.randomUUID().toString();

        Response first = claim(projectId, ann, key).then().statusCode(200).extract().response();
        Response again = claim(projectId, ann, key).then().statusCode(200).extract().response();

        assertThat(again.<String>path("assignmentId")).isEqualTo(first.path("assignmentId"));
        assertThat(again.<String>path("assignmentToken")).isEqualTo(first.path("assignmentToken"));
        // a new key finds nothing left to claim
        claim(projectId, ann, UUID.randomUUID().toString()).then().statusCode(204);
        assertThat(queryInt(dataSource, "select count(*) from assignment where project_id = ?", projectId)).isEqualTo(1);
    }

    @Test
    void concurrentRetriesOfOneClaimMakeOneLease() throws Exception {
        String ann = "ann-" + UUID.randomUUID();
        UUID projectId = projectOf(ann, 4);
        String key = UUID.randomUUID().toString();

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<String>> retries = IntStream.range(0, 4).<Callable<String>>mapToObj(i ->
                    () -> claim(projectId, ann, key).then().statusCode(200).extract().path("assignmentId")).toList();
            List<String> answered = pool.invokeAll(retries).stream().map(RetriedClaimsTest::join).toList();
            assertThat(answered).hasSize(4).containsOnly(answered.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(queryInt(dataSource, "select count(*) from assignment where project_id = ?", projectId)).isEqualTo(1);
    }

    @Test
    void aKeyWhoseLeaseEndedIsRefusedWithConflict() {
        String ann = "ann-" + UUID.randomUUID();
        UUID projectId = projectOf(ann, 2);
        String key = UUID.randomUUID().toString();
        Response lease = claim(projectId, ann, key).then().statusCode(200).extract().response();

        publish(Topics.ANNOTATIONS, submission(lease, ann));
        awaitEvent(Topics.ASSIGNMENTS, e -> e.type().equals("TaskCompleted")
                && e.payload().get("assignmentId").asText().equals(lease.path("assignmentId")));

        claim(projectId, ann, key).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("Idempotency-Key"));
        assertThat(openLeases(projectId, ann)).isEmpty();
    }

    @Test
    void aKeyThatIsNotShortVisibleAsciiIsRefusedNamingTheHeader() throws Exception {
        String ann = "ann-" + UUID.randomUUID();
        UUID projectId = projectOf(ann, 1);

        for (String bad : List.of("x".repeat(129), "two words", "naïve")) {
            claim(projectId, ann, bad).then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("Idempotency-Key"));
        }
        assertThat(queryInt(dataSource, "select count(*) from assignment where project_id = ?", projectId)).isZero();
    }

    /** An active project with k = 1, the annotator as its only member and {@code items} items in the pool. */
    private UUID projectOf(String annotator, int items) {
        UUID projectId = UUID.randomUUID();
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(1, 1, 0, 0, 600), 1,
                annotators(annotator)));
        IntStream.range(0, items).forEach(i -> publish(Topics.ITEMS, regular(projectId)));
        awaitPool(dataSource, projectId, items);
        return projectId;
    }

    private static Response claim(UUID projectId, String userId, String key) {
        return given().auth().oauth2(token(userId)).header("Idempotency-Key", key)
                .when().post("/projects/{p}/tasks/next", projectId);
    }

    private static List<String> openLeases(UUID projectId, String userId) {
        return given().auth().oauth2(token(userId)).get("/projects/{p}/assignments", projectId)
                .then().statusCode(200).extract().path("assignmentId");
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
