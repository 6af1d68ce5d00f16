package io.labelstream.quality;

import io.agroal.api.AgroalDataSource;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.ItemKind;
import io.labelstream.quality.domain.testdata.Datasets;
import io.labelstream.quality.service.AnnotationBatchIntake;
import io.labelstream.quality.service.AnnotationDelivery;
import io.labelstream.quality.service.AnnotationIntake;
import io.labelstream.quality.service.CrowdModelRefit;
import io.labelstream.quality.service.QuarantineFollowUp;
import io.labelstream.quality.service.StepEffects;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A crowd stream taken in poll batches ends where the same stream taken one annotation per transaction ends: the
 * first 300 items of relevance-4class (four classes, each item with its own k), its answers interleaved across the
 * workers the way concurrent annotators submit them, into two Dawid–Skene projects. One takes batches of 200; the
 * other takes the same annotations one transaction each and asks for its crowd-model fits at the same points, after
 * each 200. Every item's decision, consensus and confidence, and every annotator's aggregates, are the same (to
 * nine decimals: PostgreSQL may add a batch's confusion masses in another order).
 */
@QuarkusTest
class BatchEquivalenceTest {

    private static final int ITEMS = 300;
    private static final int BATCH = 200;
    private static final List<String> CLASSES = List.of("0", "1", "2", "3");

    @Inject
    AnnotationBatchIntake batches;

    @Inject
    AnnotationIntake single;

    @Inject
    CrowdModelRefit refits;

    @Inject
    QuarantineFollowUp followUp;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void pollBatchesEndInTheStateOfOneAnnotationPerTransaction() {
        List<String[]> answers = interleavedByWorker(firstItemsAnswers(
                rows(Datasets.require("crowd/relevance-4class").resolve("answers.csv"))));
        Map<String, Integer> ownK = new HashMap<>();
        answers.forEach(answer -> ownK.merge(answer[0], 1, Integer::sum));
        int k = ownK.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        QualityFixtures batched = project(k);
        QualityFixtures oneByOne = project(k);
        Map<String, UUID> batchedItems = ingest(batched, ownK);
        Map<String, UUID> oneByOneItems = ingest(oneByOne, ownK);

        List<AnnotationDelivery> batch = new ArrayList<>();
        List<StepEffects> committed = new ArrayList<>();
        for (String[] answer : answers) {
            batch.add(new AnnotationDelivery(UUID.randomUUID(),
                    batched.annotation(batchedItems.get(answer[0]), answer[1], answer[2])));
            committed.add(single.submitted(oneByOne.annotation(oneByOneItems.get(answer[0]), answer[1], answer[2])));
            if (batch.size() == BATCH) {
                takeBoth(batch, committed, oneByOne);
                batch = new ArrayList<>();
                committed = new ArrayList<>();
            }
        }
        takeBoth(batch, committed, oneByOne);

        assertThat(count("select count(*) from quality_step where project_id = ? and kind = 'REFIT'", batched))
                .as("the stream is long enough for crowd-model fits on the way").isGreaterThan(2);
        Map<String, String> batchedItemStates = itemStates(batched, batchedItems);
        assertThat(batchedItemStates.values()).filteredOn(state -> state.startsWith("RESOLVED")).hasSizeGreaterThan(200);
        assertThat(batchedItemStates).isEqualTo(itemStates(oneByOne, oneByOneItems));
        assertThat(annotatorStates(batched)).isEqualTo(annotatorStates(oneByOne));
    }

    /**
     * Takes the batch in, then runs the one-by-one project's follow-ups where the batch runs its own: after the
     * batch has committed, per annotation its quarantine follow-up, then its question whether a fit is due.
     */
    private void takeBoth(List<AnnotationDelivery> batch, List<StepEffects> committed, QualityFixtures oneByOne) {
        assertThat(batches.take(batch)).allMatch(AnnotationBatchIntake.Taken::applied);
        for (StepEffects effects : committed) {
            followUp.afterCommit(effects);
            refits.afterLiveLabel(oneByOne.projectId);
        }
    }

    private QualityFixtures project(int k) {
        return new QualityFixtures(QualityFixtures.policies(k, k, 0, "DAWID_SKENE"), 0).withLabels(CLASSES).defined();
    }

    private Map<String, UUID> ingest(QualityFixtures project, Map<String, Integer> ownK) {
        Map<String, UUID> itemIds = new LinkedHashMap<>();
        ownK.keySet().forEach(item -> itemIds.put(item, UUID.randomUUID()));
        KafkaTopics.sendAll(Topics.ITEMS, itemIds.entrySet().stream()
                .map(item -> project.itemIngested(item.getValue(), ItemKind.REGULAR, ownK.get(item.getKey()))).toList());
        await().atMost(Duration.ofMinutes(2)).until(() -> count(
                "select count(*) from quality_item where project_id = ? and annotators_per_item is not null", project)
                == itemIds.size());
        return itemIds;
    }

    /** Each worker's answers in file order, taken a worker at a time in turn, as concurrent annotators submit. */
    private static List<String[]> interleavedByWorker(List<String[]> answers) {
        Map<String, Deque<String[]>> byWorker = new LinkedHashMap<>();
        answers.forEach(answer -> byWorker.computeIfAbsent(answer[1], w -> new java.util.ArrayDeque<>()).add(answer));
        List<String[]> interleaved = new ArrayList<>();
        while (interleaved.size() < answers.size()) {
            byWorker.values().forEach(queue -> {
                if (!queue.isEmpty()) {
                    interleaved.add(queue.poll());
                }
            });
        }
        return interleaved;
    }

    /** The answers of the first ITEMS items in order of first appearance, one per worker and item. */
    private static List<String[]> firstItemsAnswers(List<String[]> all) {
        Map<String, Boolean> items = new LinkedHashMap<>();
        Map<String, Boolean> given = new HashMap<>();
        List<String[]> kept = new ArrayList<>();
        for (String[] answer : all) {
            if (!items.containsKey(answer[0]) && items.size() == ITEMS) {
                continue;
            }
            items.put(answer[0], true);
            if (given.putIfAbsent(answer[0] + "/" + answer[1], true) == null) {
                kept.add(answer);
            }
        }
        return kept;
    }

    /** Dataset item → decision, consensus and confidence. */
    private Map<String, String> itemStates(QualityFixtures project, Map<String, UUID> itemIds) {
        Map<UUID, String> byId = new HashMap<>();
        query("select item_id, decision, consensus_label ->> 'choice', confidence, label_count from quality_item"
                + " where project_id = ?", project, row -> byId.put(row.getObject(1, UUID.class),
                "%s %s %.9f %d".formatted(row.getString(2), row.getString(3), row.getDouble(4), row.getInt(5))));
        Map<String, String> states = new LinkedHashMap<>();
        itemIds.forEach((item, itemId) -> states.put(item, byId.get(itemId)));
        return states;
    }

    private Map<String, String> annotatorStates(QualityFixtures project) {
        Map<String, String> states = new LinkedHashMap<>();
        query("select annotator_id, status, label_count, consensus_compared, consensus_score_sum, peer_compared,"
                + " peer_score_sum from quality_annotator where project_id = ? order by annotator_id", project,
                row -> states.put(row.getString(1), "%s %d %d %.9f %d %.9f".formatted(row.getString(2), row.getInt(3),
                        row.getInt(4), row.getDouble(5), row.getInt(6), row.getDouble(7))));
        return states;
    }

    private long count(String sql, QualityFixtures project) {
        long[] count = new long[1];
        query(sql, project, row -> count[0] = row.getLong(1));
        return count[0];
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private void query(String sql, QualityFixtures project, RowReader reader) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, project.projectId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String[]> rows(Path csv) {
        try {
            return Files.readAllLines(csv).stream().skip(1).filter(line -> !line.isBlank())
                    .map(line -> line.split(",", -1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
