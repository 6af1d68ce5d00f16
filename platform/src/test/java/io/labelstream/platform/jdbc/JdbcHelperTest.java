package io.labelstream.platform.jdbc;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.labelstream.contracts.EventCodec;
import io.labelstream.platform.problem.DatabaseUnavailable;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcHelperTest {

    private static final Instant NOON = Instant.parse("2026-01-02T12:00:00Z");

    /** Every setter call a statement received, as "method index value". */
    private final List<String> calls = new ArrayList<>();

    private final PreparedStatement statement = (PreparedStatement) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[]{PreparedStatement.class}, (proxy, method, args) -> {
                calls.add(method.getName() + " " + args[0] + " " + args[1]);
                return null;
            });

    @Test
    void binds_each_value_as_postgresql_takes_it() throws SQLException {
        UUID id = UUID.randomUUID();
        Binds.bind(statement, NOON, JsonText.tree("{\"a\":1}"), NullNode.getInstance(),
                Thread.State.NEW, id, null, 7);

        assertThat(calls).containsExactly(
                "setTimestamp 1 " + Timestamp.from(NOON),
                "setString 2 {\"a\":1}",
                "setNull 3 " + Types.OTHER,
                "setString 4 NEW",
                "setObject 5 " + id,
                "setObject 6 null",
                "setObject 7 7");
    }

    @Test
    void binds_null_numbers_and_json_as_typed_nulls() throws SQLException {
        Binds.setInteger(statement, 1, null);
        Binds.setInteger(statement, 2, 3);
        Binds.setLong(statement, 3, null);
        Binds.setDouble(statement, 4, null);
        Binds.setDouble(statement, 5, 0.5);
        Binds.setJson(statement, 6, null);

        assertThat(calls).containsExactly("setNull 1 " + Types.INTEGER, "setInt 2 3", "setNull 3 " + Types.BIGINT,
                "setNull 4 " + Types.DOUBLE, "setDouble 5 0.5", "setNull 6 " + Types.OTHER);
        assertThat(Binds.timestamp(null)).isNull();
        assertThat(Binds.timestamp(NOON)).isEqualTo(Timestamp.from(NOON));
    }

    @Test
    void reads_sql_null_as_null_not_zero() throws SQLException {
        Map<String, Object> values = new HashMap<>();
        values.put("at", Timestamp.from(NOON));
        values.put("count", null);
        values.put("score", 0.25);
        values.put("document", "{\"label\":\"spam\"}");
        ResultSet row = row(values);

        assertThat(Columns.instant(row, "at")).isEqualTo(NOON);
        assertThat(Columns.instant(row, "missing")).isNull();
        assertThat(Columns.nullableLong(row, "count")).isNull();
        assertThat(Columns.nullableInteger(row, "count")).isNull();
        assertThat(Columns.nullableDouble(row, "score")).isEqualTo(0.25);
        assertThat(Columns.json(row, "document").get("label").asText()).isEqualTo("spam");
        assertThat(Columns.json(row, "missing")).isNull();
    }

    @Test
    void json_text_round_trips_with_the_contracts_mapper_and_keeps_null() {
        record Cell(String label, Instant at) {
        }
        String text = JsonText.write(new Cell("spam", NOON));

        assertThat(text).isEqualTo(EventCodec.mapper().valueToTree(new Cell("spam", NOON)).toString());
        assertThat(JsonText.read(text, JsonNode.class).get("label").asText()).isEqualTo("spam");
        assertThat(JsonText.read("{\"1\":2}", new TypeReference<Map<Integer, Long>>() {
        })).containsEntry(1, 2L);
        assertThat(JsonText.write(null)).isNull();
        assertThat(JsonText.tree(null)).isNull();
        assertThat(JsonText.read(null, Cell.class)).isNull();
        assertThatThrownBy(() -> JsonText.tree("{not json")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_failure_keeps_the_sql_state_for_the_problem_mappers() {
        SQLException broken = new SQLException("connection refused", "08001");
        SQLException duplicate = new SQLException("duplicate key", "23505");

        DatabaseFailure failure = Jdbc.failure("storing item 1", broken);

        assertThat(failure).hasMessage("storing item 1 failed: connection refused").hasCause(broken);
        assertThat(DatabaseUnavailable.causes(failure)).isTrue();
        assertThat(DatabaseUnavailable.causes(Jdbc.failure("storing item 1", duplicate))).isFalse();
        assertThat(Jdbc.uniqueViolation(duplicate)).isTrue();
        assertThat(Jdbc.uniqueViolation(broken)).isFalse();
        assertThat(Jdbc.causedByUniqueViolation(new RuntimeException("flush failed", duplicate))).isTrue();
        assertThat(Jdbc.causedByUniqueViolation(failure)).isFalse();
    }

    @Test
    void names_a_statement_by_its_first_line() {
        assertThat(Jdbc.firstLine("""
                  insert into item (item_id)
                  values (?)""")).isEqualTo("insert into item (item_id)");
    }

    private static ResultSet row(Map<String, Object> values) {
        Object[] last = new Object[1];
        return (ResultSet) Proxy.newProxyInstance(JdbcHelperTest.class.getClassLoader(),
                new Class<?>[]{ResultSet.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "wasNull" -> last[0] == null;
                    case "getTimestamp", "getString" -> last[0] = values.get((String) args[0]);
                    case "getLong" -> number(last[0] = values.get((String) args[0])).longValue();
                    case "getInt" -> number(last[0] = values.get((String) args[0])).intValue();
                    case "getDouble" -> number(last[0] = values.get((String) args[0])).doubleValue();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** What a result set's getter answers for a column: zero for SQL null. */
    private static Number number(Object value) {
        return value == null ? 0 : (Number) value;
    }
}
