package io.labelstream.quality.repository;

import io.agroal.api.AgroalDataSource;
import io.labelstream.contracts.events.AnnotatorStatus;
import io.labelstream.platform.jdbc.Columns;
import io.labelstream.platform.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** Per-annotator aggregates, category counts and confusion counts. Callers hold a transaction. */
@ApplicationScoped
public class QualityAnnotatorRepository {

    static final String COLUMNS = "project_id, annotator_id, status, label_count, too_fast_count, gold_answered, "
            + "gold_score_sum, consensus_compared, consensus_score_sum, peer_compared, peer_score_sum, "
            + "duration_histogram, flags, assessed_at";

    private final AgroalDataSource dataSource;
    private final RebuildMemory memory;

    public QualityAnnotatorRepository(AgroalDataSource dataSource, RebuildMemory memory) {
        this.dataSource = dataSource;
        this.memory = memory;
    }

    /**
     * Locks the annotators' rows, creating missing ones with {@code initialStatus}. Rows are locked in id
     * order so that two transactions touching the same annotators cannot deadlock.
     */
    public Map<String, AnnotatorRow> lock(UUID projectId, List<String> annotatorIds, AnnotatorStatus initialStatus) {
        WorkingSet working = memory.current();
        if (working != null) {
            return working.lockAnnotators(annotatorIds, initialStatus);
        }
        String[] sorted = annotatorIds.stream().distinct().sorted().toArray(String[]::new);
        Map<String, AnnotatorRow> rows = new HashMap<>();
        if (sorted.length == 0) {
            return rows;
        }
        // two statements whatever the number of annotators; the select locks its rows in its sort order
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "insert into quality_annotator (project_id, annotator_id, status)"
                             + " select ?, annotator_id, ? from unnest(?) with ordinality as a (annotator_id, n)"
                             + " order by n on conflict do nothing");
             PreparedStatement select = connection.prepareStatement(
                     "select " + COLUMNS + " from quality_annotator where project_id = ? and annotator_id = any(?)"
                             + " order by annotator_id for update")) {
            Array ids = connection.createArrayOf("text", sorted);
            insert.setObject(1, projectId);
            insert.setString(2, initialStatus.name());
            insert.setArray(3, ids);
            insert.executeUpdate();
            select.setObject(1, projectId);
            select.setArray(2, ids);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    AnnotatorRow row = row(result);
                    rows.put(row.annotatorId(), row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw Jdbc.failure("locking annotators of project " + projectId, e);
        }
    }

    public Optional<AnnotatorRow> find(UUID projectId, String annotatorId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select " + COLUMNS + " from quality_annotator where project_id = ? and annotator_id = ?")) {
            select.setObject(1, projectId);
            select.setString(2, annotatorId);
            try (ResultSet result = select.executeQuery()) {
                return result.next() ? Optional.of(row(result)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("reading annotator " + annotatorId, e);
        }
    }

    public List<AnnotatorRow> ofProject(UUID projectId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select " + COLUMNS + " from quality_annotator where project_id = ? order by annotator_id")) {
            select.setObject(1, projectId);
            List<AnnotatorRow> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(row(result));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw Jdbc.failure("listing annotators of project " + projectId, e);
        }
    }

    /** Stores the rows in one batch. */
    public void saveAll(List<AnnotatorRow> rows) {
        WorkingSet working = memory.current();
        if (working != null) {
            working.saveAnnotators(rows);
            return;
        }
        if (rows.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("""
                     update quality_annotator set status = ?, label_count = ?, too_fast_count = ?, gold_answered = ?,
                         gold_score_sum = ?, consensus_compared = ?, consensus_score_sum = ?, peer_compared = ?,
                         peer_score_sum = ?, duration_histogram = ?, flags = ?, assessed_at = ?
                     where project_id = ? and annotator_id = ?""")) {
            for (AnnotatorRow row : rows) {
                update.setString(1, row.status().name());
                update.setInt(2, row.labelCount());
                update.setInt(3, row.tooFastCount());
                update.setInt(4, row.goldAnswered());
                update.setDouble(5, row.goldScoreSum());
                update.setInt(6, row.consensusCompared());
                update.setDouble(7, row.consensusScoreSum());
                update.setInt(8, row.peerCompared());
                update.setDouble(9, row.peerScoreSum());
                update.setArray(10, connection.createArrayOf("bigint",
                        Arrays.stream(row.durationHistogram()).boxed().toArray(Long[]::new)));
                update.setArray(11, connection.createArrayOf("text", row.flags().toArray(String[]::new)));
                update.setTimestamp(12, Timestamp.from(row.assessedAt()));
                update.setObject(13, row.projectId());
                update.setString(14, row.annotatorId());
                update.addBatch();
            }
            update.executeBatch();
        } catch (SQLException e) {
            throw Jdbc.failure("storing " + rows.size() + " annotators", e);
        }
    }

    public void countCategory(UUID projectId, String annotatorId, String category, int delta) {
        WorkingSet working = memory.current();
        if (working != null) {
            working.countCategory(annotatorId, category, delta);
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement("""
                     insert into quality_annotator_category (project_id, annotator_id, category, label_count)
                     values (?, ?, ?, ?) on conflict (project_id, annotator_id, category)
                     do update set label_count = quality_annotator_category.label_count + excluded.label_count""")) {
            upsert.setObject(1, projectId);
            upsert.setString(2, annotatorId);
            upsert.setString(3, category);
            upsert.setInt(4, delta);
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("counting categories of annotator " + annotatorId, e);
        }
    }

    /** For each of the annotators, how many of their labels carry their most frequent category. */
    public Map<String, Integer> mostFrequentCategoryCounts(UUID projectId, java.util.Collection<String> annotatorIds) {
        WorkingSet working = memory.current();
        if (working != null) {
            return working.mostFrequentCategoryCounts(annotatorIds);
        }
        Map<String, Integer> counts = new HashMap<>();
        if (annotatorIds.isEmpty()) {
            return counts;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select annotator_id, max(label_count) from quality_annotator_category "
                             + "where project_id = ? and annotator_id = any(?) group by annotator_id")) {
            select.setObject(1, projectId);
            select.setArray(2, connection.createArrayOf("text", annotatorIds.toArray(String[]::new)));
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    counts.put(result.getString(1), result.getInt(2));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw Jdbc.failure("reading categories of annotators", e);
        }
    }

    /** One move in an annotator's soft confusion counts: mass credited to (true category, given category). */
    public record ConfusionDelta(String annotatorId, String truth, String given, double delta) {
    }

    /** Applies the moves in one batch; the callers hold the annotators' row locks. */
    public void countConfusion(UUID projectId, List<ConfusionDelta> deltas) {
        WorkingSet working = memory.current();
        if (working != null) {
            working.countConfusion(deltas);
            return;
        }
        if (deltas.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement("""
                     insert into quality_annotator_confusion (project_id, annotator_id, truth, given, mass)
                     values (?, ?, ?, ?, ?) on conflict (project_id, annotator_id, truth, given)
                     do update set mass = quality_annotator_confusion.mass + excluded.mass""")) {
            for (ConfusionDelta delta : deltas) {
                upsert.setObject(1, projectId);
                upsert.setString(2, delta.annotatorId());
                upsert.setString(3, delta.truth());
                upsert.setString(4, delta.given());
                upsert.setDouble(5, delta.delta());
                upsert.addBatch();
            }
            upsert.executeBatch();
        } catch (SQLException e) {
            throw Jdbc.failure("counting confusion of project " + projectId, e);
        }
    }

    /**
     * Soft confusion counts (truth -> given -> mass) of the given annotators only: what one item's inference
     * needs. Cells whose credits and retractions have cancelled out are left out.
     */
    public Map<String, Map<String, Map<String, Double>>> confusionOf(UUID projectId, List<String> annotatorIds) {
        WorkingSet working = memory.current();
        if (working != null) {
            return working.confusionOf(annotatorIds);
        }
        Map<String, Map<String, Map<String, Double>>> counts = new HashMap<>();
        if (annotatorIds.isEmpty()) {
            return counts;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select annotator_id, truth, given, mass from quality_annotator_confusion "
                             + "where project_id = ? and annotator_id = any(?) and mass > 1e-9")) {
            select.setObject(1, projectId);
            Array ids = connection.createArrayOf("text", annotatorIds.toArray(String[]::new));
            select.setArray(2, ids);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    // sorted, so that sums over a row add in the same order wherever the rows come from
                    counts.computeIfAbsent(result.getString(1), a -> new HashMap<>())
                            .computeIfAbsent(result.getString(2), t -> new TreeMap<>())
                            .put(result.getString(3), result.getDouble(4));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw Jdbc.failure("reading confusion counts", e);
        }
    }

    static AnnotatorRow row(ResultSet result) throws SQLException {
        Long[] histogram = (Long[]) result.getArray("duration_histogram").getArray();
        String[] flags = (String[]) result.getArray("flags").getArray();
        return new AnnotatorRow(
                result.getObject("project_id", UUID.class),
                result.getString("annotator_id"),
                AnnotatorStatus.valueOf(result.getString("status")),
                result.getInt("label_count"),
                result.getInt("too_fast_count"),
                result.getInt("gold_answered"),
                result.getDouble("gold_score_sum"),
                result.getInt("consensus_compared"),
                result.getDouble("consensus_score_sum"),
                result.getInt("peer_compared"),
                result.getDouble("peer_score_sum"),
                Arrays.stream(histogram).mapToLong(Long::longValue).toArray(),
                List.of(flags),
                Columns.instant(result, "assessed_at"));
    }
}
