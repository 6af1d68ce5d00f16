package io.labelstream.assignment;

import io.agroal.api.AgroalDataSource;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.ItemDecision;
import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.project.ProjectState;
import io.labelstream.platform.token.AssignmentToken;
import io.labelstream.platform.token.AssignmentTokenCodec;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.labelstream.assignment.TaskPoolFixture.annotators;
import static io.labelstream.assignment.TaskPoolFixture.assessed;
import static io.labelstream.assignment.TaskPoolFixture.awaitApplied;
import static io.labelstream.assignment.TaskPoolFixture.awaitEvent;
import static io.labelstream.assignment.TaskPoolFixture.awaitPool;
import static io.labelstream.assignment.TaskPoolFixture.next;
import static io.labelstream.assignment.TaskPoolFixture.policies;
import static io.labelstream.assignment.TaskPoolFixture.project;
import static io.labelstream.assignment.TaskPoolFixture.publish;
import static io.labelstream.assignment.TaskPoolFixture.regular;
import static io.labelstream.assignment.TaskPoolFixture.submission;
import static io.labelstream.assignment.TaskPoolFixture.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class TaskLeasingTest {

    private final AgroalDataSource dataSource;
    private final AssignmentTokenCodec tokens;

    TaskLeasingTest(AgroalDataSource dataSource, AssignmentTokenCodec tokens) {
        this.dataSource = dataSource;
        this.tokens = tokens;
    }

    @Test
    void leasesAnItemWithASignedTokenAndPublishesTaskAssigned() {
        UUID projectId = UUID.randomUUID();
        String ann = "ann-" + UUID.randomUUID();
        // the item arrives before its project: it must still be served once the project is known
        ItemIngested item = regular(projectId);
        publish(Topics.ITEMS, item);
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(3, 5, 0, 0, 600), 1, annotators(ann)));
        awaitPool(dataSource, projectId, 1);

        Response lease = next(projectId, ann).then().statusCode(200).extract().response();

        assertThat(lease.<String>path("itemId")).isEqualTo(item.itemId().toString());
        assertThat(lease.<String>path("data.text")).isEqualTo(item.data().get("text").asText());
        assertThat(lease.<Integer>path("schemaVersion")).isEqualTo(2);
        assertThat(lease.<Integer>path("guidelineVersion")).isEqualTo(7);
        assertThat(lease.<String>path("schema.taskType")).isEqualTo("SINGLE_LABEL");
        AssignmentToken token = tokens.verify(lease.path("assignmentToken"));
        assertThat(token.assignmentId().toString()).isEqualTo(lease.<String>path("assignmentId"));
        assertThat(token.itemId()).isEqualTo(item.itemId());
        assertThat(token.projectId()).isEqualTo(projectId);
        assertThat(token.annotatorId()).isEqualTo(ann);
        assertThat(token.schemaVersion()).isEqualTo(2);
        assertThat(token.expiresAt()).isEqualTo(Instant.parse(lease.path("leaseExpiresAt")));
        assertThat(Duration.between(token.leasedAt(), token.expiresAt())).isEqualTo(Duration.ofSeconds(600));

        EventEnvelope assigned = awaitEvent(Topics.ASSIGNMENTS, e -> e.type().equals("TaskAssigned")
                && e.payload().get("assignmentId").asText().equals(lease.path("assignmentId")));
        assertThat(assigned.key()).isEqualTo(item.itemId().toString());
        assertThat(assigned.payload().get("annotatorId").asText()).isEqualTo(ann);

        List<String> open = given().auth().oauth2(token(ann)).get("/projects/{p}/assignments", projectId)
                .then().statusCode(200).extract().path("assignmentId");
        assertThat(open).containsExactly(lease.<String>path("assignmentId"));
    }

    @Test
    void anItemGoesToExactlyKDistinctAnnotatorsAndNeverTwiceToOne() {
        UUID projectId = UUID.randomUUID();
        List<String> people = List.of("a-" + UUID.randomUUID(), "b-" + UUID.randomUUID(), "c-" + UUID.randomUUID(),
                "d-" + UUID.randomUUID());
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(3, 5, 0, 0, 600), 1,
                annotators(people.toArray(String[]::new))));
        ItemIngested item = regular(projectId);
        publish(Topics.ITEMS, item);
        awaitPool(dataSource, projectId, 1);

        for (String person : people.subList(0, 3)) {
            next(projectId, person).then().statusCode(200);
            // the same annotator never gets it a second time
            next(projectId, person).then().statusCode(204).header("Labelstream-Reason", "none-left");
        }
        next(projectId, people.get(3)).then().statusCode(204).header("Labelstream-Reason", "none-left");
    }

    @Test
    void aReleaseTakesOnlyStrictJson() {
        UUID projectId = UUID.randomUUID();
        String ann = "ann-" + UUID.randomUUID();
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(1, 1, 0, 0, 600), 1, annotators(ann)));
        publish(Topics.ITEMS, regular(projectId));
        awaitPool(dataSource, projectId, 1);
        Response lease = next(projectId, ann).then().statusCode(200).extract().response();
        String release = "/assignments/" + lease.<String>path("assignmentId") + "/release";

        given().auth().oauth2(token(ann)).contentType("text/plain").body("{\"reason\":\"not for me\"}")
                .post(release).then().statusCode(415).contentType("application/problem+json");
        given().auth().oauth2(token(ann)).contentType("application/json").body("{\"reason\":\"not for me\"} {}")
                .post(release).then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token(ann)).contentType("application/json").body("{\"reason\":\"a\\u0000b\"}")
                .post(release).then().statusCode(400).contentType("application/problem+json");
        // none of them released the lease
        List<String> open = given().auth().oauth2(token(ann)).get("/projects/{p}/assignments", projectId)
                .then().statusCode(200).extract().path("assignmentId");
        assertThat(open).containsExactly(lease.<String>path("assignmentId"));
    }

    @Test
    void aSubmissionCompletesTheAssignmentAndKeepsTheSlot() {
        UUID projectId = UUID.randomUUID();
        String first = "a-" + UUID.randomUUID();
        String second = "b-" + UUID.randomUUID();
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(1, 1, 0, 0, 600), 1,
                annotators(first, second)));
        publish(Topics.ITEMS, regular(projectId));
        awaitPool(dataSource, projectId, 1);

        Response lease = next(projectId, first).then().statusCode(200).extract().response();
        publish(Topics.ANNOTATIONS, submission(lease, first));

        EventEnvelope completed = awaitEvent(Topics.ASSIGNMENTS, e -> e.type().equals("TaskCompleted")
                && e.payload().get("assignmentId").asText().equals(lease.path("assignmentId")));
        assertThat(completed.payload().get("annotatorId").asText()).isEqualTo(first);
        next(projectId, second).then().statusCode(204).header("Labelstream-Reason", "none-left");
        // a completed assignment is no longer open
        List<String> open = given().auth().oauth2(token(first)).get("/projects/{p}/assignments", projectId)
                .then().statusCode(200).extract().path("assignmentId");
        assertThat(open).isEmpty();
    }

    @Test
    void anExpiredLeaseReturnsTheItemToThePoolButNotToTheSameAnnotator() {
        UUID projectId = UUID.randomUUID();
        String slow = "slow-" + UUID.randomUUID();
        String other = "other-" + UUID.randomUUID();
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(1, 1, 0, 0, 1), 1,
                annotators(slow, other)));
        ItemIngested item = regular(projectId);
        publish(Topics.ITEMS, item);
        awaitPool(dataSource, projectId, 1);

        Response lease = next(projectId, slow).then().statusCode(200).extract().response();
        next(projectId, other).then().statusCode(204);

        EventEnvelope released = awaitEvent(Topics.ASSIGNMENTS, e -> e.type().equals("TaskReleased")
                && e.payload().get("assignmentId").asText().equals(lease.path("assignmentId")));
        assertThat(released.payload().get("reason").asText()).isEqualTo("EXPIRED");
        await().atMost(Duration.ofSeconds(10)).until(() -> next(projectId, other).statusCode() == 200);
        next(projectId, slow).then().statusCode(204).header("Labelstream-Reason", "none-left");
        given().auth().oauth2(token(slow)).post("/assignments/{a}/heartbeat", lease.<String>path("assignmentId"))
                .then().statusCode(410);
    }

    @Test
    void aSkippedItemGoesToSomeoneElseButNeverBackToTheSkipper() {
        UUID projectId = UUID.randomUUID();
        String skipper = "skip-" + UUID.randomUUID();
        String other = "other-" + UUID.randomUUID();
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(1, 1, 0, 0, 600), 1,
                annotators(skipper, other)));
        ItemIngested item = regular(projectId);
        publish(Topics.ITEMS, item);
        awaitPool(dataSource, projectId, 1);

        Response lease = next(projectId, skipper).then().statusCode(200).extract().response();
        given().auth().oauth2(token(skipper)).contentType("application/json").body("{\"reason\":\"unreadable\"}")
                .post("/assignments/{a}/release", lease.<String>path("assignmentId"))
                .then().statusCode(204);

        EventEnvelope released = awaitEvent(Topics.ASSIGNMENTS, e -> e.type().equals("TaskReleased")
                && e.payload().get("assignmentId").asText().equals(lease.path("assignmentId")));
        assertThat(released.payload().get("reason").asText()).isEqualTo("SKIPPED");
        assertThat(released.payload().get("note").asText()).isEqualTo("unreadable");
        next(projectId, skipper).then().statusCode(204).header("Labelstream-Reason", "none-left");
        Response second = next(projectId, other).then().statusCode(200).extract().response();
        assertThat(second.<String>path("itemId")).isEqualTo(item.itemId().toString());
        // releasing twice: the lease has ended
        given().auth().oauth2(token(skipper)).contentType("application/json").body("{\"reason\":\"again\"}")
                .post("/assignments/{a}/release", lease.<String>path("assignmentId"))
                .then().statusCode(410);
    }

    @Test
    void aHeartbeatExtendsTheLeaseWithANewToken() {
        UUID projectId = UUID.randomUUID();
        String ann = "hb-" + UUID.randomUUID();
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(1, 1, 0, 0, 600), 1,
                annotators(ann)));
        publish(Topics.ITEMS, regular(projectId));
        awaitPool(dataSource, projectId, 1);
        Response lease = next(projectId, ann).then().statusCode(200).extract().response();

        Response beat = given().auth().oauth2(token(ann))
                .post("/assignments/{a}/heartbeat", lease.<String>path("assignmentId"))
                .then().statusCode(200).extract().response();

        assertThat(Instant.parse(beat.path("leaseExpiresAt"))).isAfter(Instant.parse(lease.path("leaseExpiresAt")));
        assertThat(tokens.verify(beat.path("assignmentToken")).expiresAt())
                .isEqualTo(Instant.parse(beat.path("leaseExpiresAt")));
        given().auth().oauth2(token(ann)).get("/assignments/{a}", lease.<String>path("assignmentId"))
                .then().statusCode(200);
    }

    @Test
    void moreLabelsRaiseTheItemsOverlapUpToTheCap() {
        UUID projectId = UUID.randomUUID();
        List<String> people = List.of("a-" + UUID.randomUUID(), "b-" + UUID.randomUUID(), "c-" + UUID.randomUUID());
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(1, 2, 0, 0, 600), 1,
                annotators(people.toArray(String[]::new))));
        ItemIngested item = regular(projectId);
        publish(Topics.ITEMS, item);
        awaitPool(dataSource, projectId, 1);
        next(projectId, people.get(0)).then().statusCode(200);
        next(projectId, people.get(1)).then().statusCode(204);

        // twice: the cap (2) allows one more annotator only
        awaitApplied(dataSource, publish(Topics.ITEM_QUALITY, assessed(item, ItemDecision.NEEDS_MORE_LABELS)));
        awaitApplied(dataSource, publish(Topics.ITEM_QUALITY, assessed(item, ItemDecision.NEEDS_MORE_LABELS)));

        next(projectId, people.get(1)).then().statusCode(200);
        next(projectId, people.get(2)).then().statusCode(204).header("Labelstream-Reason", "none-left");
    }

    @Test
    void aResolvedItemIsNoLongerServed() {
        UUID projectId = UUID.randomUUID();
        String ann = "a-" + UUID.randomUUID();
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(3, 5, 0, 0, 600), 1,
                annotators(ann)));
        ItemIngested item = regular(projectId);
        publish(Topics.ITEMS, item);
        awaitPool(dataSource, projectId, 1);

        awaitApplied(dataSource, publish(Topics.ITEM_QUALITY, assessed(item, ItemDecision.RESOLVED)));

        next(projectId, ann).then().statusCode(204).header("Labelstream-Reason", "none-left");
    }
}
