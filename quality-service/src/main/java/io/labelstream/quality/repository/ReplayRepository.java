package io.labelstream.quality.repository;

import io.agroal.api.AgroalDataSource;
import io.labelstream.platform.jdbc.Columns;
import io.labelstream.platform.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Rebuilds of a project's quality state from the annotation log. */
@ApplicationScoped
public class ReplayRepository {

    private final AgroalDataSource dataSource;

    public ReplayRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record ReplayRow(UUID replayId, UUID projectId, String requestedBy, String state, Instant requestedAt,
                            Instant finishedAt, long recordsRead, long annotationsApplied, String error) {
    }

    public void insert(ReplayRow row) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "insert into quality_replay (replay_id, project_id, requested_by, state, requested_at) values (?, ?, ?, ?, ?)")) {
            insert.setObject(1, row.replayId());
            insert.setObject(2, row.projectId());
            insert.setString(3, row.requestedBy());
            insert.setString(4, row.state());
            insert.setTimestamp(5, Timestamp.from(row.requestedAt()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("recording replay " + row.replayId(), e);
        }
    }

    public void finish(UUID replayId, String state, long recordsRead, long applied, String error) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "update quality_replay set state = ?, finished_at = now(), records_read = ?, annotations_applied = ?, "
                             + "error = ? where replay_id = ?")) {
            update.setString(1, state);
            update.setLong(2, recordsRead);
            update.setLong(3, applied);
            update.setString(4, error);
            update.setObject(5, replayId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("finishing replay " + replayId, e);
        }
    }

    public Optional<ReplayRow> find(UUID projectId, UUID replayId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select replay_id, project_id, requested_by, state, requested_at, finished_at, records_read, "
                             + "annotations_applied, error from quality_replay where replay_id = ? and project_id = ?")) {
            select.setObject(1, replayId);
            select.setObject(2, projectId);
            try (ResultSet result = select.executeQuery()) {
                if (!result.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ReplayRow(result.getObject(1, UUID.class), result.getObject(2, UUID.class),
                        result.getString(3), result.getString(4), Columns.instant(result, "requested_at"),
                        Columns.instant(result, "finished_at"), result.getLong(7), result.getLong(8),
                        result.getString(9)));
            }
        } catch (SQLException e) {
            throw Jdbc.failure("reading replay " + replayId, e);
        }
    }
}
