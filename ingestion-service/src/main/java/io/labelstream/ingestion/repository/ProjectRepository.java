package io.labelstream.ingestion.repository;

import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.ingestion.domain.Project;
import io.labelstream.ingestion.domain.ProjectVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The projects this service owns, each read and written as a whole with its schema versions. Every write
 * is flushed at once, so that the statements which follow in the transaction (the project directory,
 * the outbox) run after it, as they always did.
 */
@ApplicationScoped
public class ProjectRepository {

    /** One schema/guidelines version of a project; schema and guidelines as JSON text. */
    public record SchemaVersion(int schemaVersion, String schema, String guidelines, String createdBy,
                                Instant createdAt) {
    }

    // membership is the project directory's: project_member holds every member of every project
    private static final String LIST_FOR_MEMBER = """
            select p.* from project p
            where exists (select 1 from project_member m where m.project_id = p.project_id and m.user_id = ?1)
            order by p.created_at, p.project_id""";

    public void insert(ProjectEvent project, String createdBy) {
        Project.define(project, createdBy).persistAndFlush();
    }

    /** Takes the next revision of a project this transaction read with {@link #lock}. */
    public void update(ProjectEvent project) {
        stored(project.projectId()).change(project);
        Project.flush();
    }

    /** The project, locked until the end of the transaction so that concurrent changes apply one after another. */
    public Optional<ProjectEvent> lock(UUID projectId) {
        return Project.<Project>findByIdOptional(projectId, LockModeType.PESSIMISTIC_WRITE).map(Project::document);
    }

    @SuppressWarnings("unchecked")
    public List<ProjectEvent> listForMember(String userId) {
        List<Project> projects = Project.getEntityManager().createNativeQuery(LIST_FOR_MEMBER, Project.class)
                .setParameter(1, userId)
                .getResultList();
        return projects.stream().map(Project::document).toList();
    }

    /** Keeps the schema and guidelines of the project's current schema version. */
    public void insertVersion(ProjectEvent project, String createdBy) {
        stored(project.projectId()).recordVersion(project, createdBy);
        Project.flush();
    }

    public List<SchemaVersion> versions(UUID projectId) {
        return ProjectVersion.<ProjectVersion>list("project.projectId = ?1 order by schemaVersion", projectId).stream()
                .map(v -> new SchemaVersion(v.schemaVersion(), v.schema(), v.guidelines(), v.createdBy(),
                        v.createdAt()))
                .toList();
    }

    private static Project stored(UUID projectId) {
        return Project.<Project>findByIdOptional(projectId)
                .orElseThrow(() -> new IllegalStateException("project " + projectId + " is not stored"));
    }
}
