package io.labelstream.ingestion.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.agroal.api.AgroalDataSource;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.events.ProjectEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The projects this service owns, each stored as the document it publishes, plus their schema versions. */
@ApplicationScoped
public class ProjectRepository {

    /** One schema/guidelines version of a project. */
    public record SchemaVersion(int schemaVersion, String schema, String guidelines, String createdBy,
                                Instant createdAt) {
    }

    private static final String INSERT = """
            insert into project (project_id, name, state, revision, schema_version, document, created_by)
            values (?, ?, ?, ?, ?, cast(? as jsonb), ?)""";
    private static final String UPDATE = """
            update project set name = ?, state = ?, revision = ?, schema_version = ?, document = cast(? as jsonb),
                updated_at = now() where project_id = ?""";
    private static final String LOCK = "select document from project where project_id = ? for update";
    private static final String LIST_FOR_MEMBER = """
            select p.document from project p
            where exists (select 1 from project_member m where m.project_id = p.project_id and m.user_id = ?)
            order by p.created_at, p.project_id""";
    private static final String INSERT_VERSION = """
            insert into project_version (project_id, schema_version, schema, guidelines, created_by)
            values (?, ?, cast(? as jsonb), cast(? as jsonb), ?)""";
    private static final String VERSIONS = """
            select schema_version, schema::text, guidelines::text, created_by, created_at from project_version
            where project_id = ? order by schema_version""";

    private final AgroalDataSource dataSource;

    public ProjectRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(ProjectEvent project, String createdBy) {
        execute(INSERT, project.projectId(), project.name(), project.state().name(), project.revision(),
                project.schemaVersion(), json(project), createdBy);
    }

    public void update(ProjectEvent project) {
        execute(UPDATE, project.name(), project.state().name(), project.revision(), project.schemaVersion(),
                json(project), project.projectId());
    }

    /** The project, locked until the end of the transaction so that concurrent changes apply one after another. */
    public Optional<ProjectEvent> lock(UUID projectId) {
        List<ProjectEvent> found = documents(LOCK, projectId);
        return found.stream().findFirst();
    }

    public List<ProjectEvent> listForMember(String userId) {
        return documents(LIST_FOR_MEMBER, userId);
    }

    public void insertVersion(ProjectEvent project, String createdBy) {
        execute(INSERT_VERSION, project.projectId(), project.schemaVersion(), write(project.schema()),
                write(project.guidelines()), createdBy);
    }

    public List<SchemaVersion> versions(UUID projectId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(VERSIONS)) {
            select.setObject(1, projectId);
            List<SchemaVersion> versions = new ArrayList<>();
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    versions.add(new SchemaVersion(r.getInt(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getTimestamp(5).toInstant()));
                }
            }
            return versions;
        } catch (SQLException e) {
            throw new IllegalStateException("project versions could not be read", e);
        }
    }

    private List<ProjectEvent> documents(String sql, Object parameter) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, parameter);
            List<ProjectEvent> projects = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    projects.add(EventCodec.mapper().readValue(result.getString(1), ProjectEvent.class));
                }
            }
            return projects;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("projects could not be read", e);
        }
    }

    private void execute(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("project could not be stored", e);
        }
    }

    private static String json(ProjectEvent project) {
        return write(project);
    }

    private static String write(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("project cannot be written as JSON", e);
        }
    }
}
