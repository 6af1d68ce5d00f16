package io.labelstream.bench;

import io.labelstream.devstack.EmbeddedPostgresServer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL's own account of where its time goes, from {@code pg_stat_statements} (the local stack's server
 * preloads it): totals per normalised statement since {@link #reset()}. Its times are the server's execution
 * times, wall clock inside the server, which include waits for locks and for the disk, not CPU alone. Planning
 * is counted apart ({@code track_planning}, turned on by {@link #reset()}): a statement planned at every call
 * costs its plan each time, outside its execution time.
 */
final class PgStatements {

    private final String jdbcUrl;

    PgStatements(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /** Creates the extension's view when missing and forgets what was counted so far; false if the server lacks it. */
    boolean reset() {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
            s.execute("alter system set pg_stat_statements.track_planning = on");
            s.execute("select pg_reload_conf()");
            s.execute("select pg_stat_statements_reset()");
            return true;
        } catch (SQLException e) {
            System.out.println("pipeline.pg_stat_statements=unavailable (" + e.getMessage().lines().findFirst().orElse("")
                    + ")");
            return false;
        }
    }

    /**
     * Prints the statements with the largest total execution time, then those called most often (the round trips
     * each service makes per answer, whatever they wait for), each with its calls per answer.
     */
    void printTop(String prefix, int limit, long answers) throws SQLException {
        printRanked(prefix + ".top", "total_exec_time", limit, answers);
        printRanked(prefix + ".most_called", "calls", limit, answers);
        printRanked(prefix + ".most_planned", "total_plan_time", limit, answers);
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select sum(calls), sum(total_exec_time), sum(plans), sum(total_plan_time)"
                     + " from pg_stat_statements")) {
            r.next();
            System.out.printf("%s.statements_per_answer=%.1f exec_ms_per_answer=%.2f plans_per_answer=%.1f"
                    + " plan_ms_per_answer=%.2f%n", prefix, r.getLong(1) / (double) answers, r.getDouble(2) / answers,
                    r.getLong(3) / (double) answers, r.getDouble(4) / answers);
        }
    }

    private void printRanked(String name, String orderColumn, int limit, long answers) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select calls, total_exec_time, rows,"
                     + " regexp_replace(query, '\\s+', ' ', 'g'), plans, total_plan_time"
                     + " from pg_stat_statements where query not like '%pg_stat_statements%'"
                     + " order by " + orderColumn + " desc limit " + limit)) {
            int rank = 0;
            while (r.next()) {
                rank++;
                String query = r.getString(4);
                System.out.printf("%s%d total_ms=%.0f calls=%d calls_per_answer=%.2f mean_ms=%.3f rows=%d plans=%d"
                        + " plan_ms=%.0f sql=%s%n", name, rank, r.getDouble(2), r.getLong(1),
                        r.getLong(1) / (double) answers, r.getDouble(2) / Math.max(1, r.getLong(1)), r.getLong(3),
                        r.getLong(5), r.getDouble(6),
                        query.length() > 240 ? query.substring(0, 240) + "…" : query);
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
    }
}
