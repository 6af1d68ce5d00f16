package io.labelstream.quality.service;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A transaction-scoped PostgreSQL advisory lock per project: live event handling holds it shared, a
 * rebuild from the annotation log holds it exclusively, so events arriving during a rebuild wait and are
 * applied on top of the rebuilt state, on every replica.
 */
@ApplicationScoped
public class ProjectLock {

    private final AgroalDataSource dataSource;

    public ProjectLock(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void shared(UUID projectId) {
        lock("select pg_advisory_xact_lock_shared(hashtext(?))", projectId);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void exclusive(UUID projectId) {
        lock("select pg_advisory_xact_lock(hashtext(?))", projectId);
    }

    private void lock(String sql, UUID projectId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, "quality:" + projectId);
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("project lock " + projectId + " failed", e);
        }
    }
}
