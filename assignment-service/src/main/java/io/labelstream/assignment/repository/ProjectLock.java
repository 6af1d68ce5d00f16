package io.labelstream.assignment.repository;

import io.agroal.api.AgroalDataSource;
import io.labelstream.platform.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A transaction-scoped advisory lock per project. The project handler, which rewrites the required count of
 * all the project's items at once, takes it exclusively; paths that add items or touch several items of the
 * project take it shared. So a project change and such a path never interleave, and never deadlock on the
 * order in which they visit item rows.
 */
@ApplicationScoped
public class ProjectLock {

    private static final String SHARED = "select pg_advisory_xact_lock_shared(hashtextextended(?, 0))";
    private static final String EXCLUSIVE = "select pg_advisory_xact_lock(hashtextextended(?, 0))";

    private final AgroalDataSource dataSource;

    public ProjectLock(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void shared(UUID projectId) {
        take(SHARED, projectId);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void exclusive(UUID projectId) {
        take(EXCLUSIVE, projectId);
    }

    private void take(String sql, UUID projectId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, projectId.toString());
            s.execute();
        } catch (SQLException e) {
            throw Jdbc.failure("locking project " + projectId, e);
        }
    }
}
