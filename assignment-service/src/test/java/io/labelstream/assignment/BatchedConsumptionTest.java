package io.labelstream.assignment;

import io.agroal.api.AgroalDataSource;
import io.labelstream.assignment.service.AssignmentCompletion;
import io.labelstream.assignment.service.Delivered;
import io.labelstream.assignment.service.QualityBatchUpdates;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.AnnotatorAssessed;
import io.labelstream.contracts.events.AnnotatorStatus;
import io.labelstream.contracts.events.ItemAssessed;
import io.labelstream.contracts.events.ItemDecision;
import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.project.ProjectState;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.labelstream.assignment.TaskPoolFixture.annotatorAssessed;
import static io.labelstream.assignment.TaskPoolFixture.annotators;
import static io.labelstream.assignment.TaskPoolFixture.assessed;
import static io.labelstream.assignment.TaskPoolFixture.awaitPool;
import static io.labelstream.assignment.TaskPoolFixture.next;
import static io.labelstream.assignment.TaskPoolFixture.policies;
import static io.labelstream.assignment.TaskPoolFixture.project;
import static io.labelstream.assignment.TaskPoolFixture.publish;
import static io.labelstream.assignment.TaskPoolFixture.regular;
import static io.labelstream.assignment.TaskPoolFixture.submission;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Submissions, item and annotator assessments and gold labels are applied a poll batch per transaction, and
 * every event still takes effect once: a batch delivered again, an event twice in one batch, a malformed record
 * among sound ones, and batches over the same items applied at the same time.
 */
@QuarkusTest
class BatchedConsumptionTest {

    private static final int ITEMS = 6;

    @Inject
    AssignmentCompletion completion;

    @Inject
    QualityBatchUpdates batches;

    private final AgroalDataSource dataSource;

    BatchedConsumptionTest(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Test
    void aBatchDeliveredTwiceWithAnEventTwiceInItCompletesEachLeaseOnce() throws Exception {
        UUID projectId = UUID.randomUUID();
        String annotator = "batch-" + UUID.randomUUID();
        List<Response> leases = leasedItems(projectId, annotator);
        List<Delivered<AnnotationSubmitted>> batch = new ArrayList<>();
        for (Response lease : leases) {
            batch.add(new Delivered<>(UUID.randomUUID(), submission(lease, annotator)));
        }
        batch.add(batch.get(2));

        completion.onSubmittedAll(batch);
        completion.onSubmittedAll(batch);

        for (Response lease : leases) {
            assertThat(count("select completed from pool_item where item_id = ?", id(lease, "itemId")))
                    .isEqualTo(1);
            assertThat(count("select count(*) from assignment where assignment_id = ? and status = 'COMPLETED'",
                    id(lease, "assignmentId"))).isEqualTo(1);
        }
    }

    @Test
    void aMalformedRecordAmongSubmissionsIsDeadLetteredAloneAndTheOthersComplete() throws Exception {
        UUID projectId = UUID.randomUUID();
        String annotator = "poison-" + UUID.randomUUID();
        List<Response> leases = leasedItems(projectId, annotator);
        String poisonKey = "poison-" + UUID.randomUUID();
        TaskPoolFixture.sendWithPoisonInTheMiddle(Topics.ANNOTATIONS, poisonKey,
                leases.stream().map(lease -> submission(lease, annotator)).toList());

        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from pool_item where project_id = ? and completed > 0", projectId) == ITEMS);
        assertThat(TaskPoolFixture.awaitKey(Topics.deadLetter(Topics.ANNOTATIONS), poisonKey))
                .contains("not an envelope");
        for (Response lease : leases) {
            assertThat(count("select completed from pool_item where item_id = ?", id(lease, "itemId")))
                    .isEqualTo(1);
        }
    }

    /**
     * Two consumers raise the overlap of the same items at once, each listing them in the opposite order: the
     * batches lock the items in one order, so they wait for one another and never deadlock, and every raise counts.
     */
    @Test
    void concurrentBatchesOverTheSameItemsWaitForEachOtherAndApplyEveryEvent() throws Exception {
        UUID projectId = UUID.randomUUID();
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(1, 100, 0, 0, 600), 1,
                annotators("nobody")));
        List<ItemIngested> items = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ItemIngested item = regular(projectId);
            items.add(item);
            publish(Topics.ITEMS, item);
        }
        awaitPool(dataSource, projectId, items.size());
        List<ItemIngested> reversed = new ArrayList<>(items);
        Collections.reverse(reversed);
        int rounds = 15;
        ExecutorService consumers = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (List<ItemIngested> order : List.of(items, reversed)) {
                done.add(consumers.submit(() -> {
                    for (int round = 0; round < rounds; round++) {
                        batches.onItemsAssessed(order.stream()
                                .map(item -> new Delivered<>(UUID.randomUUID(),
                                        assessed(item, ItemDecision.NEEDS_MORE_LABELS)))
                                .toList());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            consumers.shutdown();
        }
        for (ItemIngested item : items) {
            assertThat(count("select extra_labels from pool_item where item_id = ?", item.itemId()))
                    .isEqualTo(2 * rounds);
        }
    }

    @Test
    void anItemAssessedTwiceInABatchAndTheBatchAgainIsClosedOrRaisedOnce() throws Exception {
        UUID projectId = UUID.randomUUID();
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(1, 5, 0, 0, 600), 1,
                annotators("nobody")));
        ItemIngested resolved = regular(projectId);
        ItemIngested unsure = regular(projectId);
        publish(Topics.ITEMS, resolved);
        publish(Topics.ITEMS, unsure);
        awaitPool(dataSource, projectId, 2);
        Delivered<ItemAssessed> raise = new Delivered<>(UUID.randomUUID(), assessed(unsure, ItemDecision.NEEDS_MORE_LABELS));
        List<Delivered<ItemAssessed>> batch = List.of(raise,
                new Delivered<>(UUID.randomUUID(), assessed(resolved, ItemDecision.RESOLVED)), raise);

        batches.onItemsAssessed(batch);
        batches.onItemsAssessed(batch);

        assertThat(count("select extra_labels from pool_item where item_id = ?", unsure.itemId()))
                .isEqualTo(1);
        assertThat(count("select count(*) from pool_item where item_id = ? and closed", resolved.itemId()))
                .isEqualTo(1);
    }

    @Test
    void theLastOfAnAnnotatorsStatusesInABatchCounts() throws Exception {
        UUID projectId = UUID.randomUUID();
        String annotator = "status-" + UUID.randomUUID();
        List<Delivered<AnnotatorAssessed>> batch = List.of(
                new Delivered<>(UUID.randomUUID(), annotatorAssessed(projectId, annotator, AnnotatorStatus.QUALIFYING)),
                new Delivered<>(UUID.randomUUID(), annotatorAssessed(projectId, annotator, AnnotatorStatus.QUALIFIED)));

        batches.onAnnotatorsAssessed(batch);

        assertThat(text("select status from annotator_progress where project_id = ? and annotator_id = ?",
                projectId, annotator)).isEqualTo("QUALIFIED");
    }

    @Test
    void anUnchangedStatusDoesNotWaitForTheAnnotatorsClaimAndAChangedOneIsAppliedAfterIt() throws Exception {
        UUID projectId = UUID.randomUUID();
        String annotator = "unchanged-" + UUID.randomUUID();
        batches.onAnnotatorsAssessed(statusOf(projectId, annotator, AnnotatorStatus.QUALIFIED));
        ExecutorService consumer = Executors.newSingleThreadExecutor();
        try (Connection claim = dataSource.getConnection()) {
            // a claim in progress holds the annotator's progress row until it commits
            claim.setAutoCommit(false);
            try (PreparedStatement lock = claim.prepareStatement(
                    "select 1 from annotator_progress where project_id = ? and annotator_id = ? for update")) {
                lock.setObject(1, projectId);
                lock.setString(2, annotator);
                lock.executeQuery().close();
            }

            consumer.submit(() -> batches.onAnnotatorsAssessed(statusOf(projectId, annotator,
                    AnnotatorStatus.QUALIFIED))).get(20, TimeUnit.SECONDS);
            Future<?> changed = consumer.submit(() -> batches.onAnnotatorsAssessed(statusOf(projectId, annotator,
                    AnnotatorStatus.QUALIFYING)));
            await().atMost(Duration.ofSeconds(20)).until(this::aStatusWaitsForALock);
            assertThat(changed).isNotDone();

            claim.commit();
            changed.get(20, TimeUnit.SECONDS);
        } finally {
            consumer.shutdownNow();
        }
        assertThat(text("select status from annotator_progress where project_id = ? and annotator_id = ?",
                projectId, annotator)).isEqualTo("QUALIFYING");
    }

    private boolean aStatusWaitsForALock() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                        + " and query like 'insert into annotator_progress%'");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1) > 0;
        }
    }

    private static List<Delivered<AnnotatorAssessed>> statusOf(UUID projectId, String annotator,
                                                             AnnotatorStatus status) {
        return List.of(new Delivered<>(UUID.randomUUID(), annotatorAssessed(projectId, annotator, status)));
    }

    /** A project of k = 1 with {@link #ITEMS} items, each leased by the annotator. */
    private List<Response> leasedItems(UUID projectId, String annotator) {
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(1, 1, 0, 0, 600), 1,
                annotators(annotator)));
        for (int i = 0; i < ITEMS; i++) {
            publish(Topics.ITEMS, regular(projectId));
        }
        awaitPool(dataSource, projectId, ITEMS);
        List<Response> leases = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            leases.add(next(projectId, annotator).then().statusCode(200).extract().response());
        }
        return leases;
    }

    private int count(String sql, UUID value) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, value);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static UUID id(Response lease, String field) {
        return UUID.fromString(lease.path(field));
    }

    private String text(String sql, UUID projectId, String annotator) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, projectId);
            s.setString(2, annotator);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }
}
