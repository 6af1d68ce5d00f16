package io.labelstream.devstack;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the local stack runs with, from environment variables with local defaults. An external Kafka or
 * PostgreSQL is used instead of the embedded one when its variable is set.
 *
 * @param projectRoot        the checkout, where the services' built jars are
 * @param dataDirectory      broker log, database files, keys and service logs; survives restarts
 * @param externalKafka      bootstrap servers of an external Kafka, or null for the embedded broker
 * @param externalJdbcUrl    JDBC URL of an external PostgreSQL database, or null for the embedded one
 * @param dbUser             user of the external database
 * @param dbPassword         password of the external database
 * @param kafkaPort          port of the embedded broker
 * @param postgresPort       port of the embedded PostgreSQL
 * @param firstServicePort   the five services listen on this port and the four after it
 * @param serviceHeap        maximum heap of each service process
 * @param consolePort        port of the console (the web pages)
 */
public record StackSettings(
        Path projectRoot,
        Path dataDirectory,
        String externalKafka,
        String externalJdbcUrl,
        String dbUser,
        String dbPassword,
        int kafkaPort,
        int postgresPort,
        int firstServicePort,
        String serviceHeap,
        int consolePort) {

    public static StackSettings fromEnvironment(Map<String, String> env, Path projectRoot) {
        return new StackSettings(
                projectRoot,
                Path.of(env.getOrDefault("LABELSTREAM_DATA_DIR", projectRoot.resolve(".labelstream").toString()))
                        .toAbsolutePath(),
                blankToNull(env.get("KAFKA_BOOTSTRAP_SERVERS")),
                blankToNull(env.get("LABELSTREAM_DB_URL")),
                env.getOrDefault("LABELSTREAM_DB_USER", EmbeddedPostgresServer.USER),
                env.getOrDefault("LABELSTREAM_DB_PASSWORD", EmbeddedPostgresServer.PASSWORD),
                Integer.parseInt(env.getOrDefault("LABELSTREAM_KAFKA_PORT", "59092")),
                Integer.parseInt(env.getOrDefault("LABELSTREAM_PG_PORT", "55432")),
                Integer.parseInt(env.getOrDefault("LABELSTREAM_FIRST_PORT", "8081")),
                env.getOrDefault("LABELSTREAM_SERVICE_HEAP", "384m"),
                Integer.parseInt(env.getOrDefault("LABELSTREAM_CONSOLE_PORT", "8080")));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
