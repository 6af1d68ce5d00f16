package io.labelstream.assignment.repository;

import io.agroal.api.AgroalDataSource;
import io.labelstream.assignment.domain.AnnotatorProgress;
import io.labelstream.contracts.events.AnnotatorStatus;
import io.labelstream.platform.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** The annotator_progress table: status from quality and counters of what was served. */
@ApplicationScoped
public class AnnotatorProgressRepository {

    // the no-op update makes the upsert take the row lock, so one annotator's claims run one at a time
    private static final String LOCK = """
            insert into annotator_progress (project_id, annotator_id) values (?, ?)
            on conflict (project_id, annotator_id) do update set served = annotator_progress.served
            returning status, served, gold_served, qualification_served, reservations""";
    private static final String SET_STATUS = """
            insert into annotator_progress (project_id, annotator_id, status) values (?, ?, ?)
            on conflict (project_id, annotator_id) do update set status = excluded.status""";

    private final AgroalDataSource dataSource;

    public AnnotatorProgressRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public AnnotatorProgress lock(UUID projectId, String annotatorId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(LOCK)) {
            s.setObject(1, projectId);
            s.setString(2, annotatorId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                String status = r.getString(1);
                return new AnnotatorProgress(status == null ? null : AnnotatorStatus.valueOf(status), r.getInt(2),
                        r.getInt(3), r.getInt(4), r.getInt(5));
            }
        } catch (SQLException e) {
            throw Jdbc.failure("reading the progress of " + annotatorId, e);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void setStatus(UUID projectId, String annotatorId, AnnotatorStatus status) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SET_STATUS)) {
            s.setObject(1, projectId);
            s.setString(2, annotatorId);
            s.setString(3, status.name());
            s.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("storing the status of " + annotatorId, e);
        }
    }
}
