package io.labelstream.devstack;

import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates the schema a service owns in the embedded server, through any class loader. */
final class DatabaseSchemas {

    private DatabaseSchemas() {
    }

    /** Creates {@code schema}; with {@code fresh} an existing one is dropped first. */
    static void create(String jdbcUrl, String schema, boolean fresh) throws SQLException {
        if (!schema.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain schema name: " + schema);
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl);
        dataSource.setUser(EmbeddedPostgresServer.USER);
        dataSource.setPassword(EmbeddedPostgresServer.PASSWORD);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            if (fresh) {
                statement.execute("drop schema if exists " + schema + " cascade");
            }
            statement.execute("create schema if not exists " + schema);
        }
    }
}
