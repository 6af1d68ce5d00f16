package io.labelstream.ingestion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database from before ingestors were project members, migrated: each account that started an upload
 * into a project becomes its INGESTOR, in the project, in the service's project directory and in its member
 * table, once, without touching members it already had or projects nobody uploaded to.
 */
@QuarkusTest
class IngestorMigrationTest {

    private static final String BEFORE_INGESTOR_MEMBERS = "5";
    private static final ObjectMapper JSON = new ObjectMapper();

    // connections of their own, never the service's pool: theirs are pointed at a schema that is dropped after
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;
    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    void everyUploaderOfAProjectBecomesItsIngestorAndNothingElseChanges() throws Exception {
        String schema = "ingestion_migration_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        migrate(schema, BEFORE_INGESTOR_MEMBERS);
        UUID fed = UUID.randomUUID();
        UUID untouched = UUID.randomUUID();
        try (Connection c = connection(schema)) {
            project(c, fed, "[{\"userId\": \"mona\", \"role\": \"MANAGER\", \"pilot\": false},"
                    + " {\"userId\": \"ann\", \"role\": \"ANNOTATOR\", \"pilot\": true}]");
            project(c, untouched, "[{\"userId\": \"mona\", \"role\": \"MANAGER\", \"pilot\": false}]");
            // two uploads by one pipeline, one by another, one by the manager who is a member already
            upload(c, fed, "pipeline-b");
            upload(c, fed, "pipeline-a");
            upload(c, fed, "pipeline-a");
            upload(c, fed, "mona");
        }
        JsonNode untouchedBefore;
        try (Connection c = connection(schema)) {
            untouchedBefore = document(c, "project", untouched);
        }

        migrate(schema, "latest");

        try (Connection c = connection(schema)) {
            JsonNode members = document(c, "project", fed).path("members");
            assertThat(members).isEqualTo(JSON.readTree("[{\"userId\": \"mona\", \"role\": \"MANAGER\","
                    + " \"pilot\": false}, {\"userId\": \"ann\", \"role\": \"ANNOTATOR\", \"pilot\": true},"
                    + " {\"userId\": \"pipeline-a\", \"role\": \"INGESTOR\", \"pilot\": false},"
                    + " {\"userId\": \"pipeline-b\", \"role\": \"INGESTOR\", \"pilot\": false}]"));
            assertThat(document(c, "project_view", fed)).as("the service's own directory copy")
                    .isEqualTo(document(c, "project", fed));
            assertThat(memberRows(c, fed)).containsExactlyInAnyOrder("mona MANAGER", "ann ANNOTATOR",
                    "pipeline-a INGESTOR", "pipeline-b INGESTOR");
            assertThat(revision(c, fed)).as("no other service acts on the change until the next revision").isEqualTo(3);
            assertThat(document(c, "project", untouched)).isEqualTo(untouchedBefore);
            assertThat(memberRows(c, untouched)).containsExactly("mona MANAGER");
        } finally {
            try (Connection c = DriverManager.getConnection(url, user, password)) {
                c.createStatement().execute("drop schema " + schema + " cascade");
            }
        }
    }

    private void migrate(String schema, String target) {
        Flyway.configure().dataSource(url, user, password).schemas(schema).defaultSchema(schema)
                .locations("classpath:db/platform", "classpath:db/migration").outOfOrder(true)
                .target(target).load().migrate();
    }

    private Connection connection(String schema) throws SQLException {
        Connection c = DriverManager.getConnection(url, user, password);
        c.setSchema(schema);
        return c;
    }

    private static void project(Connection c, UUID projectId, String members) throws SQLException {
        String document = "{\"projectId\": \"" + projectId + "\", \"name\": \"p\", \"state\": \"ACTIVE\","
                + " \"revision\": 3, \"members\": " + members + "}";
        try (PreparedStatement p = c.prepareStatement("insert into project (project_id, name, state, revision,"
                + " schema_version, document, created_by) values (?, 'p', 'ACTIVE', 3, 1, ?::jsonb, 'mona')")) {
            p.setObject(1, projectId);
            p.setString(2, document);
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("insert into project_view (project_id, revision, state,"
                + " schema_version, document) values (?, 3, 'ACTIVE', 1, ?::jsonb)")) {
            p.setObject(1, projectId);
            p.setString(2, document);
            p.executeUpdate();
        }
        for (JsonNode member : read(members)) {
            try (PreparedStatement p = c.prepareStatement(
                    "insert into project_member (project_id, user_id, role, pilot) values (?, ?, ?, ?)")) {
                p.setObject(1, projectId);
                p.setString(2, member.path("userId").asText());
                p.setString(3, member.path("role").asText());
                p.setBoolean(4, member.path("pilot").asBoolean());
                p.executeUpdate();
            }
        }
    }

    private static void upload(Connection c, UUID projectId, String by) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("insert into upload_job (job_id, project_id, created_by, state,"
                + " finished_at) values (?, ?, ?, 'COMPLETED', now())")) {
            p.setObject(1, UUID.randomUUID());
            p.setObject(2, projectId);
            p.setString(3, by);
            p.executeUpdate();
        }
    }

    private static JsonNode document(Connection c, String table, UUID projectId) throws Exception {
        try (PreparedStatement p = c.prepareStatement("select document::text from " + table + " where project_id = ?")) {
            p.setObject(1, projectId);
            try (ResultSet rows = p.executeQuery()) {
                rows.next();
                return JSON.readTree(rows.getString(1));
            }
        }
    }

    private static List<String> memberRows(Connection c, UUID projectId) throws SQLException {
        List<String> members = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "select user_id || ' ' || role from project_member where project_id = ?")) {
            p.setObject(1, projectId);
            try (ResultSet rows = p.executeQuery()) {
                while (rows.next()) {
                    members.add(rows.getString(1));
                }
            }
        }
        return members;
    }

    private static long revision(Connection c, UUID projectId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select revision from project where project_id = ?")) {
            p.setObject(1, projectId);
            try (ResultSet rows = p.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
