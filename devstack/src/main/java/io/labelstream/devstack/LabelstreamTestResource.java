package io.labelstream.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Gives a service's @QuarkusTests a real Kafka broker and a real PostgreSQL with a fresh schema.
 * Use with {@code @QuarkusTestResource(value = LabelstreamTestResource.class, initArgs =
 * @ResourceArg(name = "schema", value = "ingestion"))}.
 */
public class LabelstreamTestResource implements QuarkusTestResourceLifecycleManager {

    private String schema = "app";

    @Override
    public void init(Map<String, String> initArgs) {
        schema = initArgs.getOrDefault("schema", schema);
    }

    @Override
    public Map<String, String> start() {
        SharedTestInfrastructure infrastructure = SharedTestInfrastructure.get();
        try {
            infrastructure.createFreshSchema(schema);
        } catch (Exception e) {
            throw new IllegalStateException("schema " + schema + " could not be created", e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", infrastructure.kafkaBootstrapServers());
        config.put("quarkus.datasource.jdbc.url",
                infrastructure.jdbcUrl() + "?currentSchema=" + schema);
        config.put("quarkus.datasource.username", EmbeddedPostgresServer.USER);
        config.put("quarkus.datasource.password", EmbeddedPostgresServer.PASSWORD);
        config.put("quarkus.flyway.schemas", schema);
        config.put("quarkus.flyway.default-schema", schema);
        if (hibernateOrmPresent()) {
            // validation must look for the tables in this schema only: the server holds every service's
            config.put("quarkus.hibernate-orm.database.default-schema", schema);
        }
        config.put("mp.jwt.verify.publickey.location", DevTokens.PUBLIC_KEY_RESOURCE);
        config.put("mp.jwt.verify.issuer", DevTokens.ISSUER);
        config.put("mp.jwt.verify.audiences", DevTokens.AUDIENCE);
        return config;
    }

    /** Whether the service maps entities; for one that does not, the property would be an unknown key. */
    private static boolean hibernateOrmPresent() {
        try {
            Class.forName("org.hibernate.Session", false, Thread.currentThread().getContextClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Override
    public void stop() {
        // the broker and the database live as long as the test JVM; see SharedTestInfrastructure
    }
}
