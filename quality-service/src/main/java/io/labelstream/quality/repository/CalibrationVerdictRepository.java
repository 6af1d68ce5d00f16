package io.labelstream.quality.repository;

import io.agroal.api.AgroalDataSource;
import io.labelstream.contracts.events.CalibrationAssessed;
import io.labelstream.contracts.events.CalibrationState;
import io.labelstream.platform.jdbc.Binds;
import io.labelstream.platform.jdbc.Columns;
import io.labelstream.platform.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

/** The calibration verdict last published per project. Callers hold a transaction. */
@ApplicationScoped
public class CalibrationVerdictRepository {

    private final AgroalDataSource dataSource;

    public CalibrationVerdictRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The project's last published verdict, locked while it is compared so that replicas publish a change once
     * (a project's very first verdict may go out twice, which its consumers take as the same verdict).
     */
    public Optional<CalibrationAssessed> lock(UUID projectId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     select guideline_version, state, pilot_items, labels, pilot_annotators, mean_kappa, target_kappa,
                         min_items, assessed_at
                     from quality_calibration_verdict where project_id = ? for update""")) {
            select.setObject(1, projectId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new CalibrationAssessed(projectId, row.getInt(1), CalibrationState.valueOf(row.getString(2)),
                        row.getInt(3), row.getLong(4), row.getInt(5), Columns.nullableDouble(row, "mean_kappa"),
                        row.getDouble(7), row.getInt(8), row.getTimestamp(9).toInstant()));
            }
        } catch (SQLException e) {
            throw Jdbc.failure("reading the calibration verdict of project " + projectId, e);
        }
    }

    public void save(CalibrationAssessed verdict) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement("""
                     insert into quality_calibration_verdict (project_id, guideline_version, state, pilot_items, labels,
                         pilot_annotators, mean_kappa, target_kappa, min_items, assessed_at)
                     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                     on conflict (project_id) do update set guideline_version = excluded.guideline_version,
                         state = excluded.state, pilot_items = excluded.pilot_items, labels = excluded.labels,
                         pilot_annotators = excluded.pilot_annotators, mean_kappa = excluded.mean_kappa,
                         target_kappa = excluded.target_kappa, min_items = excluded.min_items,
                         assessed_at = excluded.assessed_at""")) {
            upsert.setObject(1, verdict.projectId());
            upsert.setInt(2, verdict.guidelineVersion());
            upsert.setString(3, verdict.state().name());
            upsert.setInt(4, verdict.pilotItems());
            upsert.setLong(5, verdict.labels());
            upsert.setInt(6, verdict.pilotAnnotators());
            Binds.setDouble(upsert, 7, verdict.meanCohenKappa());
            upsert.setDouble(8, verdict.targetKappa());
            upsert.setInt(9, verdict.minItems());
            upsert.setTimestamp(10, Timestamp.from(verdict.assessedAt()));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("storing the calibration verdict of project " + verdict.projectId(), e);
        }
    }
}
