package io.labelstream.platform.jdbc;

import com.fasterxml.jackson.databind.JsonNode;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Column values read back as the project's types; SQL null stays null rather than becoming zero. */
public final class Columns {

    private Columns() {
    }

    public static Instant instant(ResultSet row, String column) throws SQLException {
        return instant(row.getTimestamp(column));
    }

    public static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    public static UUID uuid(ResultSet row, String column) throws SQLException {
        return row.getObject(column, UUID.class);
    }

    public static Integer nullableInteger(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }

    public static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    public static Double nullableDouble(ResultSet row, String column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? null : value;
    }

    /** A JSON column as a tree; SQL null as null. */
    public static JsonNode json(ResultSet row, String column) throws SQLException {
        return JsonText.tree(row.getString(column));
    }

    /** The first column of every row the query returns, as ids. */
    public static List<UUID> uuids(PreparedStatement query) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (ResultSet result = query.executeQuery()) {
            while (result.next()) {
                ids.add(result.getObject(1, UUID.class));
            }
        }
        return ids;
    }
}
