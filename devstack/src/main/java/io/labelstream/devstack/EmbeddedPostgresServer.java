package io.labelstream.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * A real PostgreSQL 17 server from the embedded binaries. Tests run it with the binaries' defaults
 * (fsync and synchronous_commit off) for speed; the local stack turns both on, because a request
 * answered 2xx there must survive a crash.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    public static final String DATABASE = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** A throwaway server on a free port, for tests. */
    public static EmbeddedPostgresServer forTests() throws IOException {
        return new EmbeddedPostgresServer(throwaway().start());
    }

    /**
     * A throwaway server like {@link #forTests()} that also keeps per-statement totals
     * ({@code pg_stat_statements}), for a bench that prints where the server's time goes.
     */
    public static EmbeddedPostgresServer forBenches() throws IOException {
        return new EmbeddedPostgresServer(throwaway()
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .start());
    }

    /** The binaries' defaults, on a free port, with room for every service's pool. */
    private static EmbeddedPostgres.Builder throwaway() {
        return EmbeddedPostgres.builder().setServerConfig("max_connections", "300");
    }

    /**
     * A durable server whose data directory survives restarts, for the local stack. It outlives the JVM unless
     * closed: its owner closes it.
     */
    public static EmbeddedPostgresServer durable(Path dataDirectory, int port) throws IOException {
        return new EmbeddedPostgresServer(EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "300")
                // per-statement totals for whoever looks into the stack's cost (the pipeline bench prints the
                // top statements); its bookkeeping is a hash update per statement
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                // the stack stops the server itself, after its services: the library's own hook would stop it
                // at the same time as them, and a service still finishing its work would find it gone
                .setRegisterShutdownHook(false)
                .start());
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    /** Creates the schema a service owns; with {@code fresh} an existing one is dropped first. */
    public void createSchema(String schema, boolean fresh) throws SQLException {
        DatabaseSchemas.create(jdbcUrl(), schema, fresh);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
