package io.labelstream.assignment.repository;

import io.agroal.api.AgroalDataSource;
import io.labelstream.platform.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The pool_reopening table: per project, items made claimable again behind the claim cursors. */
@ApplicationScoped
public class PoolReopeningRepository {

    // projects without a floor in either generation have nothing to forget and are left alone
    private static final String NEXT_GENERATION = """
            update pool_reopening set generation = generation + 1, previous_floor_rank = floor_rank, floor_rank = null
            where floor_rank is not null or previous_floor_rank is not null""";

    private final AgroalDataSource dataSource;

    public PoolReopeningRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Starts a new generation in every project that reopened items in the last two; returns how many. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int nextGeneration() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(NEXT_GENERATION)) {
            return s.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("starting a new generation of reopenings", e);
        }
    }
}
