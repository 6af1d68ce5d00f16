package io.labelstream.quality.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
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
import java.util.Optional;
import java.util.UUID;

/** Project agreement snapshots over time. */
@ApplicationScoped
public class SnapshotRepository {

    private final AgroalDataSource dataSource;

    public SnapshotRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record Snapshot(UUID projectId, Instant takenAt, long annotationCount, long itemCount, JsonNode document) {
    }

    public void save(Snapshot snapshot) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "insert into quality_agreement_snapshot (project_id, taken_at, annotation_count, item_count, document) "
                             + "values (?, ?, ?, ?, cast(? as jsonb))")) {
            insert.setObject(1, snapshot.projectId());
            insert.setTimestamp(2, Timestamp.from(snapshot.takenAt()));
            insert.setLong(3, snapshot.annotationCount());
            insert.setLong(4, snapshot.itemCount());
            Binds.setJson(insert, 5, snapshot.document());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("storing a snapshot of project " + snapshot.projectId(), e);
        }
    }

    public Optional<Snapshot> latest(UUID projectId) {
        List<Snapshot> last = history(projectId, 1, true);
        return last.isEmpty() ? Optional.empty() : Optional.of(last.get(0));
    }

    /** The newest {@code limit} snapshots, oldest first unless {@code newestFirst}. */
    public List<Snapshot> history(UUID projectId, int limit, boolean newestFirst) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select project_id, taken_at, annotation_count, item_count, document from quality_agreement_snapshot "
                             + "where project_id = ? order by taken_at desc, id desc limit ?")) {
            select.setObject(1, projectId);
            select.setInt(2, limit);
            List<Snapshot> snapshots = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    snapshots.add(new Snapshot(result.getObject(1, UUID.class), Columns.instant(result, "taken_at"),
                            result.getLong(3), result.getLong(4), Columns.json(result, "document")));
                }
            }
            if (!newestFirst) {
                java.util.Collections.reverse(snapshots);
            }
            return snapshots;
        } catch (SQLException e) {
            throw Jdbc.failure("reading snapshots of project " + projectId, e);
        }
    }

    /** Projects with labels newer than their latest snapshot. */
    public List<UUID> projectsWithNewLabels() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     select p.project_id from project_view p
                     where exists (select 1 from quality_label l where l.project_id = p.project_id
                         and l.submitted_at > coalesce((select max(s.taken_at) from quality_agreement_snapshot s
                                                        where s.project_id = p.project_id), '-infinity'))""")) {
            return Columns.uuids(select);
        } catch (SQLException e) {
            throw Jdbc.failure("finding projects to snapshot", e);
        }
    }
}
