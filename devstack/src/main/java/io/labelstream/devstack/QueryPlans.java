package io.labelstream.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.sql.DataSource;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * How PostgreSQL runs a statement, for tests that hold a request's cost to the rows it concerns whatever else
 * the tables hold. The planner chooses from statistics, so such a test fills copies of a service's tables
 * with other projects' rows, analyses them, and asks for the statement's plans here.
 * <p>
 * Each statement is run twice with {@code EXPLAIN ANALYZE}, each time in a transaction that is rolled back, so
 * writes leave nothing behind: once planned for its values, and once with the generic plan a prepared
 * statement settles on after a few executions (forced, so the check does not depend on how often the statement
 * ran before). Both are reported, since either may be the one the service gets.
 */
public final class QueryPlans {

    /** The schema that holds a test's copies of a service's tables. */
    public static final String SCHEMA = "plan_check";

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The test class whose copies {@link #SCHEMA} holds: filling is the slow part, so it is done once per class,
     * and another class's fill replaces them.
     */
    private static volatile String filledFor;
    private static final Set<String> SCANS = Set.of("Seq Scan", "Index Scan", "Index Only Scan",
            "Bitmap Heap Scan");

    private QueryPlans() {
    }

    /**
     * What one plan did.
     *
     * @param fullTableReads the tables it read from start to end
     * @param rowsRead       the rows its scans produced or read and threw away, over every loop: the work that
     *                       grows when a table holds more rows than the statement needs
     */
    public record Run(List<String> fullTableReads, long rowsRead) {
    }

    /** Both plans of a statement: the one for its values and the generic one. */
    public record Runs(String sql, Run withValues, Run generic) {

        /** The larger of the two plans' rows read. */
        public long rowsRead() {
            return Math.max(withValues.rowsRead(), generic.rowsRead());
        }

        /** What either plan does beyond what a request concerning {@code mostRows} rows should do. */
        public List<String> beyond(long mostRows) {
            List<String> excess = new ArrayList<>();
            fullTableReads().forEach(table -> excess.add("reads " + table + " in full"));
            if (rowsRead() > mostRows) {
                excess.add("reads " + rowsRead() + " rows, more than " + mostRows);
            }
            return excess;
        }

        /** Every table either plan reads in full, with the plan that does. */
        public List<String> fullTableReads() {
            List<String> reads = new ArrayList<>();
            withValues.fullTableReads().forEach(table -> reads.add(table + " (planned for the values)"));
            generic.fullTableReads().forEach(table -> reads.add(table + " (generic plan)"));
            return reads;
        }
    }

    /**
     * The uuid PostgreSQL's {@code md5(text)::uuid} gives, so that a test names the rows its fill generated
     * from their text keys.
     */
    public static UUID md5Uuid(String text) {
        byte[] md5;
        try {
            md5 = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
        ByteBuffer bytes = ByteBuffer.wrap(md5);
        return new UUID(bytes.getLong(), bytes.getLong());
    }

    /**
     * Copies {@code tables} of the connection's schema into {@link #SCHEMA} with their indexes, runs {@code fill}
     * there and analyses the copies, once for the test class {@code owner}.
     */
    public static void fillOnce(DataSource dataSource, Class<?> owner, List<String> tables, String... fill)
            throws SQLException {
        if (owner.getName().equals(filledFor)) {
            return;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + SCHEMA + " cascade");
            s.execute("create schema " + SCHEMA);
            for (String table : tables) {
                s.execute("create table " + SCHEMA + "." + table + " (like " + c.getSchema() + "." + table
                        + " including all)");
            }
            for (String statement : fill) {
                s.execute(statement);
            }
            for (String table : tables) {
                s.execute("analyze " + SCHEMA + "." + table);
            }
        }
        filledFor = owner.getName();
    }

    /** {@link #run(Connection, String, String, Object...)} in {@link #SCHEMA} on a connection of its own. */
    public static Runs run(DataSource dataSource, String sql, Object... values) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return run(connection, SCHEMA, sql, values);
        }
    }

    /**
     * Runs {@code sql}, written with JDBC's {@code ?} placeholders, with {@code values} in {@code schema}, under
     * both plans. The connection's auto-commit is switched off and every change rolled back.
     */
    private static Runs run(Connection connection, String schema, String sql, Object... values) throws SQLException {
        connection.setAutoCommit(false);
        try {
            Run withValues = inTransaction(connection, schema, () -> {
                try (PreparedStatement s = connection.prepareStatement("explain (analyze, format json) " + sql)) {
                    for (int i = 0; i < values.length; i++) {
                        Object value = values[i] instanceof Instant at ? Timestamp.from(at) : values[i];
                        if (value == null) {
                            s.setNull(i + 1, java.sql.Types.OTHER);
                        } else {
                            s.setObject(i + 1, value);
                        }
                    }
                    return run(s.executeQuery());
                }
            });
            Run generic = inTransaction(connection, schema, () -> {
                try (Statement s = connection.createStatement()) {
                    s.execute("set local plan_cache_mode = force_generic_plan");
                    s.execute("prepare plan_probe as " + numbered(sql));
                    try {
                        return run(s.executeQuery("explain (analyze, format json) execute plan_probe("
                                + literals(values) + ")"));
                    } finally {
                        s.execute("deallocate plan_probe");
                    }
                }
            });
            return new Runs(sql, withValues, generic);
        } finally {
            connection.rollback();
        }
    }

    private interface Explained {
        Run get() throws SQLException;
    }

    private static Run inTransaction(Connection connection, String schema, Explained explained) throws SQLException {
        try {
            try (Statement s = connection.createStatement()) {
                s.execute("set local search_path to " + schema);
            }
            return explained.get();
        } finally {
            connection.rollback();
        }
    }

    private static Run run(ResultSet result) throws SQLException {
        try (result) {
            result.next();
            JsonNode plan = readTree(result.getString(1)).get(0).get("Plan");
            List<String> fullTableReads = new ArrayList<>();
            long rowsRead = collect(plan, fullTableReads);
            return new Run(List.copyOf(fullTableReads), rowsRead);
        }
    }

    private static long collect(JsonNode node, List<String> fullTableReads) {
        long rows = 0;
        String type = node.path("Node Type").asText();
        if ("Seq Scan".equals(type)) {
            fullTableReads.add(node.path("Relation Name").asText());
        }
        if (SCANS.contains(type)) {
            long produced = node.path("Actual Rows").asLong() + node.path("Rows Removed by Filter").asLong()
                    + node.path("Rows Removed by Index Recheck").asLong();
            rows += produced * Math.max(1, node.path("Actual Loops").asLong());
        }
        for (JsonNode child : node.path("Plans")) {
            rows += collect(child, fullTableReads);
        }
        return rows;
    }

    private static JsonNode readTree(String json) throws SQLException {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new SQLException("EXPLAIN did not answer JSON", e);
        }
    }

    /**
     * An array parameter for {@link #run}: the values (ids, numbers, instants: nothing that needs quoting) as
     * PostgreSQL's array text, which the statement's cast or column type reads.
     */
    public static String array(Collection<?> values) {
        return "{" + String.join(",", values.stream().map(String::valueOf).toList()) + "}";
    }

    /** The values as SQL literals of unknown type, which the prepared statement's parameters coerce. */
    private static String literals(Object[] values) {
        List<String> literals = new ArrayList<>();
        for (Object value : values) {
            if (value == null) {
                literals.add("null");
            } else if (value instanceof Number || value instanceof Boolean) {
                literals.add(value.toString());
            } else {
                literals.add("'" + value.toString().replace("'", "''") + "'");
            }
        }
        return String.join(", ", literals);
    }

    /** JDBC's placeholders as the server's numbered parameters, for a plan without values. */
    private static String numbered(String sql) {
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (char ch : sql.toCharArray()) {
            out.append(ch == '?' ? "$" + (++n) : String.valueOf(ch));
        }
        return out.toString();
    }
}
