package io.labelstream.adjudication.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.labelstream.contracts.EventCodec;
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

/** Thin JDBC access on the service's data source; statements join the caller's transaction. */
@ApplicationScoped
public class Jdbc {

    private final AgroalDataSource dataSource;

    public Jdbc(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    public AgroalDataSource dataSource() {
        return dataSource;
    }

    public int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("statement failed: " + firstLine(sql), e);
        }
    }

    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + firstLine(sql), e);
        }
    }

    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... parameters) {
        List<T> rows = list(sql, mapper, parameters);
        // an aggregate over no rows yields one row holding null: that is "none" too
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    public static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            if (value instanceof Instant instant) {
                statement.setTimestamp(i + 1, Timestamp.from(instant));
            } else if (value instanceof JsonNode json) {
                statement.setString(i + 1, json.isNull() ? null : json.toString());
            } else if (value instanceof UUID[] ids) {
                statement.setArray(i + 1, statement.getConnection().createArrayOf("uuid", ids));
            } else if (value instanceof String[] texts) {
                statement.setArray(i + 1, statement.getConnection().createArrayOf("text", texts));
            } else if (value instanceof Enum<?> constant) {
                statement.setString(i + 1, constant.name());
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    public static JsonNode json(ResultSet row, String column) throws SQLException {
        String text = row.getString(column);
        if (text == null) {
            return null;
        }
        try {
            return EventCodec.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new SQLException("column " + column + " holds no JSON", e);
        }
    }

    public static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    public static Double nullableDouble(ResultSet row, String column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? null : value;
    }

    private static String firstLine(String sql) {
        String trimmed = sql.strip();
        int end = trimmed.indexOf('\n');
        return end < 0 ? trimmed : trimmed.substring(0, end);
    }
}
