package io.labelstream.devstack;

import java.sql.SQLException;

/**
 * One Kafka broker and one PostgreSQL server per test JVM, started on first use and stopped when the
 * JVM exits. Every @QuarkusTest of a module shares them; each service gets its own schema.
 *
 * <p>Quarkus loads a module's classes afresh for every test profile, so a static field alone would start
 * another broker and another server with each profile, all of them kept until the JVM exits. The
 * endpoints are therefore handed on through system properties, which every class loader of the JVM sees.
 */
public final class SharedTestInfrastructure {

    private static final String KAFKA_PROPERTY = "labelstream.test.kafka.bootstrap-servers";
    private static final String POSTGRES_PROPERTY = "labelstream.test.postgres.jdbc-url";

    private static volatile SharedTestInfrastructure instance;

    private final String kafkaBootstrapServers;
    private final String jdbcUrl;

    private SharedTestInfrastructure(String kafkaBootstrapServers, String jdbcUrl) {
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.jdbcUrl = jdbcUrl;
    }

    public static SharedTestInfrastructure get() {
        if (instance == null) {
            synchronized (SharedTestInfrastructure.class) {
                if (instance == null) {
                    instance = startedEarlier() ? fromProperties() : start();
                }
            }
        }
        return instance;
    }

    private static boolean startedEarlier() {
        return System.getProperty(KAFKA_PROPERTY) != null && System.getProperty(POSTGRES_PROPERTY) != null;
    }

    private static SharedTestInfrastructure fromProperties() {
        return new SharedTestInfrastructure(System.getProperty(KAFKA_PROPERTY), System.getProperty(POSTGRES_PROPERTY));
    }

    private static SharedTestInfrastructure start() {
        try {
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.forTests();
            InProcessKafka kafka = InProcessKafka.start(3);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(kafka, postgres), "test-infrastructure-stop"));
            System.setProperty(KAFKA_PROPERTY, kafka.bootstrapServers());
            System.setProperty(POSTGRES_PROPERTY, postgres.jdbcUrl());
            return fromProperties();
        } catch (Exception e) {
            throw new IllegalStateException("test infrastructure failed to start", e);
        }
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** Creates the schema a service owns, dropping an earlier one of that name first. */
    public void createFreshSchema(String schema) throws SQLException {
        DatabaseSchemas.create(jdbcUrl, schema, true);
    }

    private static void stop(InProcessKafka kafka, EmbeddedPostgresServer postgres) {
        try {
            kafka.close();
        } catch (Exception ignored) {
            // the JVM is exiting; nothing is left to protect
        }
        try {
            postgres.close();
        } catch (Exception ignored) {
            // as above
        }
    }
}
