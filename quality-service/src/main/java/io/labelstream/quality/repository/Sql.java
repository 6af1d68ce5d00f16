package io.labelstream.quality.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labelstream.contracts.EventCodec;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Column conversions shared by the repositories. */
final class Sql {

    private Sql() {
    }

    static void setJson(PreparedStatement statement, int index, JsonNode value) throws SQLException {
        if (value == null || value.isNull()) {
            statement.setNull(index, Types.OTHER);
        } else {
            statement.setString(index, value.toString());
        }
    }

    static JsonNode json(ResultSet result, String column) throws SQLException {
        String text = result.getString(column);
        if (text == null) {
            return null;
        }
        try {
            return EventCodec.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("column " + column + " holds no JSON", e);
        }
    }

    static Double nullableDouble(ResultSet result, String column) throws SQLException {
        double value = result.getDouble(column);
        return result.wasNull() ? null : value;
    }

    static Long nullableLong(ResultSet result, String column) throws SQLException {
        long value = result.getLong(column);
        return result.wasNull() ? null : value;
    }

    static void setNullableDouble(PreparedStatement statement, int index, Double value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.DOUBLE);
        } else {
            statement.setDouble(index, value);
        }
    }

    static Instant instant(ResultSet result, String column) throws SQLException {
        Timestamp timestamp = result.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** The first column of every row the query returns, as ids. */
    static List<UUID> uuids(PreparedStatement query) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (ResultSet result = query.executeQuery()) {
            while (result.next()) {
                ids.add(result.getObject(1, UUID.class));
            }
        }
        return ids;
    }

    static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException(what + " failed", e);
    }

    /** A label's credit (true category -> mass) as the credited column holds it, sorted; null when empty. */
    static String creditedJson(Map<String, Double> credited) {
        if (credited.isEmpty()) {
            return null;
        }
        ObjectNode node = EventCodec.mapper().createObjectNode();
        new TreeMap<>(credited).forEach(node::put);
        return node.toString();
    }

    static Map<String, Double> credited(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            Map<String, Double> credited = new TreeMap<>();
            EventCodec.mapper().readTree(json).fields()
                    .forEachRemaining(cell -> credited.put(cell.getKey(), cell.getValue().asDouble()));
            return credited;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("credited holds no JSON object: " + json, e);
        }
    }
}
