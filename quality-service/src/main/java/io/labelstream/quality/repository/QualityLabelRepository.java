package io.labelstream.quality.repository;

import io.agroal.api.AgroalDataSource;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.AnnotatorStatus;
import io.labelstream.platform.jdbc.Binds;
import io.labelstream.platform.jdbc.Columns;
import io.labelstream.platform.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The latest revision of each annotation. Callers hold a transaction. */
@ApplicationScoped
public class QualityLabelRepository {

    /** A label's own columns, without its annotator's status. */
    static final String LABEL_COLUMNS = "l.annotation_id, l.item_id, l.project_id, l.annotator_id, l.label, "
            + "l.category, l.revision, l.server_duration_ms, l.client_duration_ms, l.submitted_at, l.too_fast, "
            + "l.gold_score, l.consensus_score, l.peer_score, l.credited";
    static final String COLUMNS = LABEL_COLUMNS + ", a.status";
    static final String FROM = " from quality_label l left join quality_annotator a "
            + "on a.project_id = l.project_id and a.annotator_id = l.annotator_id";

    private final AgroalDataSource dataSource;
    private final RebuildMemory memory;

    public QualityLabelRepository(AgroalDataSource dataSource, RebuildMemory memory) {
        this.dataSource = dataSource;
        this.memory = memory;
    }

    public Optional<LabelRow> find(UUID annotationId) {
        WorkingSet working = memory.current();
        if (working != null) {
            return working.findLabel(annotationId);
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select " + COLUMNS + FROM + " where l.annotation_id = ?")) {
            select.setObject(1, annotationId);
            try (ResultSet result = select.executeQuery()) {
                return result.next() ? Optional.of(row(result)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("reading annotation " + annotationId, e);
        }
    }

    /**
     * Stores the annotation's first revision, or replaces an older one; its scores start blank.
     *
     * @param submittedAt the annotation's submission time, or the one its step gave it when it carried none
     */
    public void store(AnnotationSubmitted annotation, String category, boolean tooFast, Instant submittedAt) {
        WorkingSet working = memory.current();
        if (working != null) {
            working.storeLabel(annotation, category, tooFast, submittedAt);
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement("""
                     insert into quality_label (annotation_id, item_id, project_id, annotator_id, label, category,
                         revision, server_duration_ms, client_duration_ms, submitted_at, too_fast, guideline_version)
                     values (?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?)
                     on conflict (annotation_id) do update set label = excluded.label, category = excluded.category,
                         revision = excluded.revision, client_duration_ms = excluded.client_duration_ms,
                         submitted_at = excluded.submitted_at, guideline_version = excluded.guideline_version""")) {
            upsert.setObject(1, annotation.annotationId());
            upsert.setObject(2, annotation.itemId());
            upsert.setObject(3, annotation.projectId());
            upsert.setString(4, annotation.annotatorId());
            Binds.setJson(upsert, 5, annotation.label());
            upsert.setString(6, category);
            upsert.setInt(7, annotation.revision());
            upsert.setLong(8, annotation.serverDurationMs());
            if (annotation.clientDurationMs() == null) {
                upsert.setNull(9, java.sql.Types.BIGINT);
            } else {
                upsert.setLong(9, annotation.clientDurationMs());
            }
            upsert.setTimestamp(10, Timestamp.from(submittedAt));
            upsert.setBoolean(11, tooFast);
            upsert.setInt(12, annotation.guidelineVersion());
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("storing annotation " + annotation.annotationId(), e);
        }
    }

    /** Every label of an item, in submission order (ties by annotation id) so consensus is deterministic. */
    public List<LabelRow> ofItem(UUID itemId) {
        WorkingSet working = memory.current();
        if (working != null) {
            return working.labelsOfItem(itemId);
        }
        return select("select " + COLUMNS + FROM + " where l.item_id = ? order by l.submitted_at, l.annotation_id",
                itemId);
    }

    /** Items an annotator labeled in a project. */
    public List<UUID> itemsOf(UUID projectId, String annotatorId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select distinct item_id from quality_label where project_id = ? and annotator_id = ? order by item_id")) {
            select.setObject(1, projectId);
            select.setString(2, annotatorId);
            return Columns.uuids(select);
        } catch (SQLException e) {
            throw Jdbc.failure("listing items of annotator " + annotatorId, e);
        }
    }

    /** All labels of the project's regular items, item by item; for project-level agreement, off the event path. */
    public List<LabelRow> ofRegularItems(UUID projectId) {
        return select("select " + COLUMNS + FROM + " join quality_item i on i.item_id = l.item_id "
                + "where l.project_id = ? and not i.gold order by l.item_id, l.submitted_at, l.annotation_id", projectId);
    }

    /**
     * The scores of one label, as {@link #saveScores(List)} stores them.
     *
     * @param credited what the label now credits to its annotator's confusion counts (true category -> mass)
     */
    public record LabelScores(UUID annotationId, Double goldScore, Double consensusScore, Double peerScore,
                              Map<String, Double> credited) {
    }

    /** Stores the scores of several labels in one batch. */
    public void saveScores(List<LabelScores> scores) {
        WorkingSet working = memory.current();
        if (working != null) {
            working.saveScores(scores);
            return;
        }
        if (scores.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "update quality_label set gold_score = ?, consensus_score = ?, peer_score = ?, credited = cast(? as jsonb) "
                             + "where annotation_id = ?")) {
            for (LabelScores score : scores) {
                Binds.setDouble(update, 1, score.goldScore());
                Binds.setDouble(update, 2, score.consensusScore());
                Binds.setDouble(update, 3, score.peerScore());
                update.setString(4, CreditedColumn.write(score.credited()));
                update.setObject(5, score.annotationId());
                update.addBatch();
            }
            update.executeBatch();
        } catch (SQLException e) {
            throw Jdbc.failure("scoring " + scores.size() + " annotations", e);
        }
    }

    static final String LATEST_SINCE = "select count(*), min(submitted_at) from (select submitted_at from quality_label"
            + " where project_id = ? and submitted_at >= ? order by submitted_at desc limit ?) latest";

    /** The latest labels of a project within a window, counted up to a sample, and the earliest of them. */
    public record LatestLabels(long counted, Instant earliest) {
    }

    /**
     * The project's latest labels submitted since {@code since}, at most {@code sample} of them: its current
     * throughput, which every progress request reads. They are walked backwards along the (project, submitted_at)
     * index and no further than the sample, so the cost stays the same however many labels a busy project's window
     * holds (an hour of a large crowd is hundreds of thousands).
     */
    public LatestLabels latestSince(UUID projectId, Instant since, int sample) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(LATEST_SINCE)) {
            select.setObject(1, projectId);
            select.setTimestamp(2, Timestamp.from(since));
            select.setInt(3, sample);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return new LatestLabels(result.getLong(1), Columns.instant(result.getTimestamp(2)));
            }
        } catch (SQLException e) {
            throw Jdbc.failure("measuring throughput of project " + projectId, e);
        }
    }

    /** Median server time per label, in seconds, over the project's latest {@code sample} labels; null without any. */
    public Double recentMedianSeconds(UUID projectId, int sample) {
        WorkingSet working = memory.current();
        if (working != null && !working.partial) {
            return working.recentMedianSeconds(sample);
        }
        if (working != null) {
            // a batch's set holds only its items' labels: the project's latest are read, then its own laid over them
            return working.recentMedianSeconds(sample, latest(projectId, sample));
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select percentile_cont(0.5) within group (order by server_duration_ms) from (select server_duration_ms "
                             + "from quality_label where project_id = ? order by submitted_at desc limit ?) recent")) {
            select.setObject(1, projectId);
            select.setInt(2, sample);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                Double millis = Columns.nullableDouble(result, "percentile_cont");
                return millis == null ? null : millis / 1000.0;
            }
        } catch (SQLException e) {
            throw Jdbc.failure("measuring the median time of project " + projectId, e);
        }
    }

    private List<WorkingSet.TimedLabel> latest(UUID projectId, int sample) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select annotation_id, submitted_at, "
                     + "server_duration_ms from quality_label where project_id = ? order by submitted_at desc limit ?")) {
            select.setObject(1, projectId);
            select.setInt(2, sample);
            List<WorkingSet.TimedLabel> labels = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    labels.add(new WorkingSet.TimedLabel(result.getObject(1, UUID.class), Columns.instant(result,
                            "submitted_at"), result.getLong(3)));
                }
            }
            return labels;
        } catch (SQLException e) {
            throw Jdbc.failure("reading the latest labels of project " + projectId, e);
        }
    }

    private List<LabelRow> select(String sql, UUID id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, id);
            List<LabelRow> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(row(result));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw Jdbc.failure("reading labels", e);
        }
    }

    static LabelRow row(ResultSet result) throws SQLException {
        String status = result.getString("status");
        return new LabelRow(
                result.getObject("annotation_id", UUID.class),
                result.getObject("item_id", UUID.class),
                result.getObject("project_id", UUID.class),
                result.getString("annotator_id"),
                Columns.json(result, "label"),
                result.getString("category"),
                result.getInt("revision"),
                result.getLong("server_duration_ms"),
                Columns.nullableLong(result, "client_duration_ms"),
                Columns.instant(result, "submitted_at"),
                result.getBoolean("too_fast"),
                Columns.nullableDouble(result, "gold_score"),
                Columns.nullableDouble(result, "consensus_score"),
                Columns.nullableDouble(result, "peer_score"),
                CreditedColumn.read(result.getString("credited")),
                status == null ? null : AnnotatorStatus.valueOf(status));
    }
}
