package io.labelstream.devstack;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Kafka and PostgreSQL as containers, started through Testcontainers: the opt-in alternative to the
 * embedded pair (see {@link TestInfrastructureChoice}). Configured like the embedded ones — the same
 * database user and password, topics created on first use with the same partition count — so tests
 * cannot tell them apart.
 */
public final class ContainerTestInfrastructure implements AutoCloseable {

    /** The broker release of the Kafka clients the services use. */
    public static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("apache/kafka:4.1.2");
    public static final DockerImageName POSTGRES_IMAGE = DockerImageName.parse("postgres:17");

    private final KafkaContainer kafka;
    private final PostgreSQLContainer postgres;

    private ContainerTestInfrastructure(KafkaContainer kafka, PostgreSQLContainer postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    /** Whether a container engine answers; Testcontainers asks it once per JVM. */
    public static boolean engineAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    /**
     * Starts both containers.
     *
     * @param defaultPartitions partitions of a topic created on first use
     * @param durable           whether PostgreSQL syncs its writes (tests may trade that for speed)
     */
    public static ContainerTestInfrastructure start(int defaultPartitions, boolean durable) {
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .withEnv("KAFKA_NUM_PARTITIONS", String.valueOf(defaultPartitions))
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        String sync = durable ? "on" : "off";
        PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE)
                .withDatabaseName(EmbeddedPostgresServer.DATABASE)
                .withUsername(EmbeddedPostgresServer.USER)
                .withPassword(EmbeddedPostgresServer.PASSWORD)
                .withCommand("postgres", "-c", "fsync=" + sync, "-c", "synchronous_commit=" + sync,
                        "-c", "max_connections=300");
        try {
            kafka.start();
            postgres.start();
        } catch (RuntimeException e) {
            kafka.close();
            postgres.close();
            throw e;
        }
        return new ContainerTestInfrastructure(kafka, postgres);
    }

    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    /** Without the driver parameters that Testcontainers appends: callers add their own. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT)
                + "/" + EmbeddedPostgresServer.DATABASE;
    }

    @Override
    public void close() {
        kafka.close();
        postgres.close();
    }
}
