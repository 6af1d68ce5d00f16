package io.labelstream.ingestion.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One schema and guidelines version of a project, kept so that every event carrying a schemaVersion can
 * be explained. Written once, never changed.
 */
@Entity
@Table(name = "project_version")
@IdClass(ProjectVersion.Key.class)
public class ProjectVersion extends PanacheEntityBase {

    @Id
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "project_id")
    private Project project;

    @Id
    @Column(name = "schema_version")
    private int schemaVersion;

    @JdbcTypeCode(SqlTypes.JSON)
    private String schema;

    @JdbcTypeCode(SqlTypes.JSON)
    private String guidelines;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "created_at")
    private Instant createdAt;

    protected ProjectVersion() {
    }

    ProjectVersion(Project project, int schemaVersion, String schema, String guidelines, String createdBy,
                   Instant createdAt) {
        this.project = project;
        this.schemaVersion = schemaVersion;
        this.schema = schema;
        this.guidelines = guidelines;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    /** The labeling schema as JSON text. */
    public String schema() {
        return schema;
    }

    /** The guidelines as JSON text; null for a version without any. */
    public String guidelines() {
        return guidelines;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** The primary key: the project's id and the version's number. */
    public static class Key implements Serializable {

        private UUID project;
        private int schemaVersion;

        public Key() {
        }

        public Key(UUID project, int schemaVersion) {
            this.project = project;
            this.schemaVersion = schemaVersion;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && schemaVersion == key.schemaVersion
                    && Objects.equals(project, key.project);
        }

        @Override
        public int hashCode() {
            return Objects.hash(project, schemaVersion);
        }
    }
}
