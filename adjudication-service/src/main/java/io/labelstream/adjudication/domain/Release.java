package io.labelstream.adjudication.domain;

import com.fasterxml.jackson.core.type.TypeReference;
import io.labelstream.platform.jdbc.JsonText;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.UUID;

/**
 * The stored form of a {@link DatasetRelease}: written once, with the checksum of its entries, in the
 * transaction that wrote them, and never changed.
 */
@Entity
@Table(name = "dataset_release")
@Immutable
public class Release extends PanacheEntityBase {

    private static final TypeReference<LinkedHashMap<Integer, Long>> VERSION_COUNTS = new TypeReference<>() {
    };

    @Id
    @Column(name = "release_id")
    private UUID releaseId;

    @Column(name = "project_id")
    private UUID projectId;

    private String name;

    private String description;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "label_count")
    private long labelCount;

    private String sha256;

    @Column(name = "version_counts")
    @JdbcTypeCode(SqlTypes.JSON)
    private String versionCounts;

    protected Release() {
    }

    public static Release of(DatasetRelease release) {
        Release stored = new Release();
        stored.releaseId = release.releaseId();
        stored.projectId = release.projectId();
        stored.name = release.name();
        stored.description = release.description();
        stored.createdBy = release.createdBy();
        stored.createdAt = release.createdAt();
        stored.labelCount = release.labelCount();
        stored.sha256 = release.sha256();
        stored.versionCounts = JsonText.write(release.versionCounts());
        return stored;
    }

    public DatasetRelease view() {
        return new DatasetRelease(releaseId, projectId, name, description, createdBy, createdAt, labelCount, sha256,
                JsonText.read(versionCounts, VERSION_COUNTS));
    }
}
