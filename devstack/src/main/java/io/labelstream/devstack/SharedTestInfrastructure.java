package io.labelstream.devstack;

import java.sql.SQLException;

/**
 * One Kafka broker and one PostgreSQL server per test JVM, started on first use and stopped when the
 * JVM exits: embedded by default, or containers when {@link TestInfrastructureChoice} says so. Every @QuarkusTest of a module shares them; each service gets its own schema.
 *
 * <p>Quarkus loads a module's classes afresh for every test profile, so a static field alone would start
 * another broker and another server with each profile, all of them kept until the JVM exits. The
 * endpoints are therefore handed on through system properties, which every class loader of the JVM sees.
 */
public final class SharedTestInfrastructure {

    private static final String KAFKA_PROPERTY = "labelstream.test.kafka.bootstrap-servers";
    private static final String POSTGRES_PROPERTY = "labelstream.test.postgres.jdbc-url";

    /** Partitions of a topic created on first use. */
    private static final int PARTITIONS = 3;

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
        TestInfrastructureChoice.Kind kind = TestInfrastructureChoice.fromEnvironment();
        try {
            AutoCloseable[] started = kind == TestInfrastructureChoice.Kind.CONTAINERS ? startContainers() : startEmbedded();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started), "test-infrastructure-stop"));
            return fromProperties();
        } catch (Exception e) {
            throw new IllegalStateException("test infrastructure (" + kind + ") failed to start", e);
        }
    }

    private static AutoCloseable[] startEmbedded() throws Exception {
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.forTests();
        InProcessKafka kafka = InProcessKafka.start(PARTITIONS);
        publish(kafka.bootstrapServers(), postgres.jdbcUrl());
        return new AutoCloseable[] {kafka, postgres};
    }

    private static AutoCloseable[] startContainers() {
        ContainerTestInfrastructure containers = ContainerTestInfrastructure.start(PARTITIONS, false);
        publish(containers.bootstrapServers(), containers.jdbcUrl());
        return new AutoCloseable[] {containers};
    }

    private static void publish(String bootstrapServers, String jdbcUrl) {
        System.setProperty(KAFKA_PROPERTY, bootstrapServers);
        System.setProperty(POSTGRES_PROPERTY, jdbcUrl);
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

    private static void stop(AutoCloseable... started) {
        for (AutoCloseable each : started) {
            try {
                each.close();
            } catch (Exception ignored) {
                // the JVM is exiting; nothing is left to protect
            }
        }
    }
}
