package io.labelstream.assignment;

import io.agroal.api.AgroalDataSource;
import io.labelstream.assignment.service.Delivered;
import io.labelstream.assignment.service.PredictionBatchUpdates;
import io.labelstream.assignment.service.TaskPoolUpdates;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.events.ModelPrediction;
import io.labelstream.contracts.project.ProjectState;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.labelstream.assignment.TaskPoolFixture.annotators;
import static io.labelstream.assignment.TaskPoolFixture.awaitPool;
import static io.labelstream.assignment.TaskPoolFixture.policies;
import static io.labelstream.assignment.TaskPoolFixture.project;
import static io.labelstream.assignment.TaskPoolFixture.publish;
import static io.labelstream.assignment.TaskPoolFixture.regular;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Model predictions are applied a poll batch per transaction and leave the pool as applying them one at a time
 * would: the items' uncertainty and rank, their reservations' rank, and the reopenings the claim cursors read.
 */
@QuarkusTest
class PredictionBatchTest {

    private static final Map<String, Double> UNSURE = Map.of("positive", 0.5, "negative", 0.5);
    private static final Map<String, Double> LEANING = Map.of("positive", 0.7, "negative", 0.3);
    private static final Map<String, Double> SURE = Map.of("positive", 0.99, "negative", 0.01);
    private static final int NOT_IN_POOL = -1;

    @Inject
    PredictionBatchUpdates batches;

    @Inject
    TaskPoolUpdates updates;

    private final AgroalDataSource dataSource;

    PredictionBatchTest(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Where an item stands in the pool. */
    private record Ranked(Instant rankAt, Double uncertainty) {
    }

    /** A prediction of the {@code item}th of a project's items. */
    private record Step(int item, Map<String, Double> distribution) {
    }

    /** What the project's pool counts of items made claimable again behind the cursors. */
    private record Reopenings(long reopens, Instant floor) {
    }

    @Test
    void aBatchRanksItsItemsAsThePredictionsAppliedOneAtATime() throws Exception {
        Instant start = now().minusSeconds(600);
        UUID batchProject = UUID.randomUUID();
        UUID singleProject = UUID.randomUUID();
        List<ItemIngested> batchItems = twinItems(batchProject, start);
        List<ItemIngested> singleItems = twinItems(singleProject, start);
        Reopenings batchBefore = reopenings(batchProject);
        Reopenings singleBefore = reopenings(singleProject);

        // item 0: once; item 1: earlier, then back towards its arrival; item 2: earlier, then earlier again;
        // item 3: none; and an item the pool does not hold
        List<Step> steps = List.of(new Step(1, LEANING), new Step(0, UNSURE), new Step(2, SURE),
                new Step(NOT_IN_POOL, UNSURE), new Step(1, SURE), new Step(2, UNSURE));
        UUID unknown = UUID.randomUUID();
        List<Delivered<ModelPrediction>> batch = new ArrayList<>();
        for (Step step : steps) {
            batch.add(new Delivered<>(UUID.randomUUID(), prediction(
                    step.item() == NOT_IN_POOL ? unknown : batchItems.get(step.item()).itemId(), batchProject,
                    step.distribution())));
            updates.onPrediction(UUID.randomUUID(), prediction(
                    step.item() == NOT_IN_POOL ? unknown : singleItems.get(step.item()).itemId(), singleProject,
                    step.distribution()));
        }

        batches.onPredictions(batch);

        for (int i = 0; i < batchItems.size(); i++) {
            assertThat(ranked(batchItems.get(i).itemId())).isEqualTo(ranked(singleItems.get(i).itemId()));
        }
        assertThat(ranked(batchItems.get(1).itemId()).rankAt()).isBefore(batchItems.get(1).ingestedAt());
        assertThat(ranked(batchItems.get(3).itemId())).isEqualTo(new Ranked(start.plusSeconds(3), null));
        assertThat(reservedRank(batchItems.get(0).itemId())).isEqualTo(ranked(batchItems.get(0).itemId()).rankAt());
        assertThat(reservedRank(batchItems.get(0).itemId())).isEqualTo(reservedRank(singleItems.get(0).itemId()));
        // item 0 once, item 1 once (its second step moves it later), item 2 twice
        Reopenings batchAfter = reopenings(batchProject);
        Reopenings singleAfter = reopenings(singleProject);
        assertThat(batchAfter.reopens() - batchBefore.reopens()).isEqualTo(4);
        assertThat(singleAfter.reopens() - singleBefore.reopens()).isEqualTo(4);
        assertThat(batchAfter.floor()).isEqualTo(singleAfter.floor()).isEqualTo(ranked(batchItems.get(0).itemId()).rankAt());
    }

    @Test
    void aBatchDeliveredAgainChangesNothing() throws Exception {
        UUID projectId = UUID.randomUUID();
        ItemIngested item = twinItems(projectId, now().minusSeconds(600)).get(0);
        List<Delivered<ModelPrediction>> unsure = List.of(
                new Delivered<>(UUID.randomUUID(), prediction(item.itemId(), projectId, UNSURE)));
        List<Delivered<ModelPrediction>> sure = List.of(
                new Delivered<>(UUID.randomUUID(), prediction(item.itemId(), projectId, SURE)));
        batches.onPredictions(unsure);
        batches.onPredictions(sure);
        Ranked ranked = ranked(item.itemId());
        Reopenings reopenings = reopenings(projectId);

        batches.onPredictions(unsure);

        assertThat(ranked(item.itemId())).isEqualTo(ranked);
        assertThat(reservedRank(item.itemId())).isEqualTo(ranked.rankAt());
        assertThat(reopenings(projectId)).isEqualTo(reopenings);
    }

    @Test
    void aPredictionOfAnItemNotInThePoolIsSkippedAndTheItemArrivesRankedByItsAge() throws Exception {
        UUID projectId = UUID.randomUUID();
        ItemIngested known = twinItems(projectId, now().minusSeconds(600)).get(1);
        ItemIngested base = regular(projectId);
        ItemIngested late = new ItemIngested(base.itemId(), projectId, base.externalId(), base.kind(), false, false,
                base.data(), null, base.contentHash(), 2, now().minusSeconds(60));

        batches.onPredictions(List.of(new Delivered<>(UUID.randomUUID(), prediction(late.itemId(), projectId, UNSURE)),
                new Delivered<>(UUID.randomUUID(), prediction(known.itemId(), projectId, UNSURE))));
        assertThat(count("select count(*) from pool_item where item_id = ?", late.itemId())).isZero();
        publish(Topics.ITEMS, late);
        awaitPool(dataSource, projectId, 5);

        assertThat(ranked(known.itemId()).uncertainty()).isNotNull();
        assertThat(ranked(late.itemId())).isEqualTo(new Ranked(late.ingestedAt(), null));
    }

    @Test
    void aMalformedRecordAmongPredictionsIsDeadLetteredAloneAndTheOthersApply() throws Exception {
        UUID projectId = UUID.randomUUID();
        List<ItemIngested> items = twinItems(projectId, now().minusSeconds(600));
        String poisonKey = "poison-" + UUID.randomUUID();
        TaskPoolFixture.sendWithPoisonInTheMiddle(Topics.PREDICTIONS, poisonKey,
                items.stream().map(item -> prediction(item.itemId(), projectId, UNSURE)).toList());

        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from pool_item where project_id = ? and uncertainty is not null", projectId)
                == items.size());
        assertThat(TaskPoolFixture.awaitKey(Topics.deadLetter(Topics.PREDICTIONS), poisonKey))
                .contains("not an envelope");
        for (ItemIngested item : items) {
            assertThat(ranked(item.itemId()).rankAt()).isBefore(item.ingestedAt());
        }
    }

    /**
     * A project of k = 2 with four regular items that arrived a second apart from {@code start}; the first
     * holds a reserved slot. Two projects made alike have items alike but for their ids.
     */
    private List<ItemIngested> twinItems(UUID projectId, Instant start) {
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(2, 2, 0, 0, 600), 1,
                annotators("holder")));
        List<ItemIngested> items = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ItemIngested base = regular(projectId);
            ItemIngested item = new ItemIngested(base.itemId(), projectId, base.externalId(), base.kind(), false,
                    false, base.data(), null, base.contentHash(), 2, start.plusSeconds(i), null,
                    i == 0 ? List.of("holder") : List.of());
            items.add(item);
            publish(Topics.ITEMS, item);
        }
        awaitPool(dataSource, projectId, items.size());
        return items;
    }

    /** Now, to the millisecond, which the database keeps exactly: an instant read back equals the one written. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static ModelPrediction prediction(UUID itemId, UUID projectId, Map<String, Double> distribution) {
        return new ModelPrediction(itemId, projectId, "m1", distribution, null, Instant.now(), null);
    }

    private Ranked ranked(UUID itemId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select rank_at, uncertainty from pool_item where item_id = ?")) {
            s.setObject(1, itemId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new Ranked(r.getTimestamp(1).toInstant(), r.getObject(2, Double.class));
            }
        }
    }

    private Instant reservedRank(UUID itemId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select rank_at from reservation where item_id = ?")) {
            s.setObject(1, itemId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getTimestamp(1).toInstant();
            }
        }
    }

    /** The floor of the last two generations: a generation may start between the two halves of a test. */
    private Reopenings reopenings(UUID projectId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select reopens, least(floor_rank, previous_floor_rank) from pool_reopening where project_id = ?")) {
            s.setObject(1, projectId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return new Reopenings(0, null);
                }
                return new Reopenings(r.getLong(1), r.getTimestamp(2) == null ? null : r.getTimestamp(2).toInstant());
            }
        }
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
}
