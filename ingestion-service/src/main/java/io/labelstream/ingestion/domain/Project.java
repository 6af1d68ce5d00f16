package io.labelstream.ingestion.domain;

import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.project.ProjectState;
import io.labelstream.platform.jdbc.JsonText;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A project this service owns: the whole project as published on labeling.projects (its schema, policies,
 * members and current guidelines) with every schema and guidelines version it ever had. The columns
 * beside the document repeat what the listing and the state checks read.
 */
@Entity
@Table(name = "project")
public class Project extends PanacheEntityBase {

    @Id
    @Column(name = "project_id")
    private UUID projectId;

    private String name;

    @Enumerated(EnumType.STRING)
    private ProjectState state;

    private long revision;

    @Column(name = "schema_version")
    private int schemaVersion;

    /** The published document, kept as the contracts' mapper wrote it. */
    @JdbcTypeCode(SqlTypes.JSON)
    private String document;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @OneToMany(mappedBy = "project", cascade = CascadeType.PERSIST)
    @OrderBy("schemaVersion")
    private List<ProjectVersion> versions = new ArrayList<>();

    protected Project() {
    }

    /** A new project at its first revision, with its first schema version. */
    public static Project define(ProjectEvent first, String createdBy) {
        Project project = new Project();
        project.projectId = first.projectId();
        project.createdBy = createdBy;
        project.createdAt = first.changedAt();
        project.change(first);
        return project;
    }

    /** Takes the next revision of the project as a whole. */
    public void change(ProjectEvent next) {
        if (!next.projectId().equals(projectId)) {
            throw new IllegalArgumentException("project " + next.projectId() + " is not " + projectId);
        }
        name = next.name();
        state = next.state();
        revision = next.revision();
        schemaVersion = next.schemaVersion();
        document = JsonText.write(next);
        updatedAt = next.changedAt();
    }

    /** Keeps the schema and guidelines of {@code project}'s current schema version. */
    public void recordVersion(ProjectEvent project, String createdBy) {
        versions.add(new ProjectVersion(this, project.schemaVersion(), JsonText.write(project.schema()),
                JsonText.write(project.guidelines()), createdBy, project.changedAt()));
    }

    public UUID projectId() {
        return projectId;
    }

    public ProjectEvent document() {
        return JsonText.read(document, ProjectEvent.class);
    }
}
