package io.labelstream.devstack;

/**
 * One Kafka broker and one PostgreSQL server per test JVM, started on first use and stopped when the
 * JVM exits. Every @QuarkusTest of a module shares them; each service gets its own schema.
 */
public final class SharedTestInfrastructure {

    private static volatile SharedTestInfrastructure instance;

    private final InProcessKafka kafka;
    private final EmbeddedPostgresServer postgres;

    private SharedTestInfrastructure(InProcessKafka kafka, EmbeddedPostgresServer postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    public static SharedTestInfrastructure get() {
        if (instance == null) {
            synchronized (SharedTestInfrastructure.class) {
                if (instance == null) {
                    instance = start();
                }
            }
        }
        return instance;
    }

    private static SharedTestInfrastructure start() {
        try {
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.forTests();
            InProcessKafka kafka = InProcessKafka.start(3);
            SharedTestInfrastructure started = new SharedTestInfrastructure(kafka, postgres);
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "test-infrastructure-stop"));
            return started;
        } catch (Exception e) {
            throw new IllegalStateException("test infrastructure failed to start", e);
        }
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    private void stop() {
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
