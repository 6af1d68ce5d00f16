package io.labelstream.platform.jdbc;

import com.fasterxml.jackson.databind.JsonNode;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.UUID;

/** Statement parameters: nulls bound with a type, and the project's value types as PostgreSQL takes them. */
public final class Binds {

    private Binds() {
    }

    /**
     * Binds {@code parameters} from the first placeholder on: an instant as a timestamp, JSON as its text
     * (JSON null as SQL null), arrays of ids, texts and longs as arrays, an enum constant by name,
     * anything else as is.
     */
    public static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            int index = i + 1;
            if (value instanceof Instant instant) {
                statement.setTimestamp(index, Timestamp.from(instant));
            } else if (value instanceof JsonNode json) {
                setJson(statement, index, json);
            } else if (value instanceof UUID[] ids) {
                statement.setArray(index, statement.getConnection().createArrayOf("uuid", ids));
            } else if (value instanceof String[] texts) {
                statement.setArray(index, statement.getConnection().createArrayOf("text", texts));
            } else if (value instanceof Long[] numbers) {
                statement.setArray(index, statement.getConnection().createArrayOf("bigint", numbers));
            } else if (value instanceof Enum<?> constant) {
                statement.setString(index, constant.name());
            } else {
                statement.setObject(index, value);
            }
        }
    }

    public static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    public static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    public static void setDouble(PreparedStatement statement, int index, Double value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.DOUBLE);
        } else {
            statement.setDouble(index, value);
        }
    }

    /** JSON as text, for a {@code json}/{@code jsonb} column or a cast; Java null and JSON null as SQL null. */
    public static void setJson(PreparedStatement statement, int index, JsonNode value) throws SQLException {
        if (value == null || value.isNull()) {
            statement.setNull(index, Types.OTHER);
        } else {
            statement.setString(index, value.toString());
        }
    }

    public static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
