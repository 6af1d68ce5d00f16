package io.labelstream.platform.jdbc;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Statements on the service's data source, for the paths that stay SQL. Inside a transaction every
 * statement runs on the transaction's connection, the one Hibernate uses too, so it sees what was flushed
 * and commits or rolls back with the rest. Parameters are bound as {@link Binds#bind} does.
 */
@ApplicationScoped
public class Jdbc {

    private static final String UNIQUE_VIOLATION = "23505";

    private final AgroalDataSource dataSource;

    public Jdbc(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Maps the current row of a result; it must not move the cursor. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    public AgroalDataSource dataSource() {
        return dataSource;
    }

    /** Runs an insert, update or delete and returns how many rows it changed. */
    public int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            Binds.bind(statement, parameters);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw failure("statement " + firstLine(sql), e);
        }
    }

    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            Binds.bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }
        } catch (SQLException e) {
            throw failure("query " + firstLine(sql), e);
        }
    }

    /** The first row, if any; an aggregate over no rows yields one row holding null, which is none too. */
    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... parameters) {
        List<T> rows = list(sql, mapper, parameters);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    /**
     * The failure to throw for {@code e}: it rolls the transaction back, and keeps {@code e} as its cause,
     * which is where the problem mappers look for a database that cannot serve the request now (503).
     */
    public static DatabaseFailure failure(String what, SQLException e) {
        return new DatabaseFailure(what + " failed: " + e.getMessage(), e);
    }

    /** Whether {@code e} is a unique constraint refusing a duplicate (SQLState 23505). */
    public static boolean uniqueViolation(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }

    /**
     * Whether {@code failure} or one of its causes is a unique violation: how a duplicate shows when
     * Hibernate flushes, wrapped in its own exceptions.
     */
    public static boolean causedByUniqueViolation(Throwable failure) {
        return SqlCauses.any(failure, Jdbc::uniqueViolation);
    }

    static String firstLine(String sql) {
        String trimmed = sql.strip();
        int end = trimmed.indexOf('\n');
        return end < 0 ? trimmed : trimmed.substring(0, end);
    }
}
