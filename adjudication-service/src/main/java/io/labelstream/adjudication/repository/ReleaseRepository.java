package io.labelstream.adjudication.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import io.labelstream.adjudication.domain.DatasetRelease;
import io.labelstream.contracts.EventCodec;
import io.labelstream.platform.jdbc.Columns;
import io.labelstream.platform.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** Named dataset releases; their rows are written once and never updated. */
@ApplicationScoped
public class ReleaseRepository {

    private static final TypeReference<LinkedHashMap<Integer, Long>> VERSION_COUNTS = new TypeReference<>() {
    };

    private final Jdbc jdbc;

    public ReleaseRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public boolean exists(UUID projectId, String name) {
        return jdbc.one("select 1 from dataset_release where project_id = ? and name = ?", row -> true, projectId, name)
                .isPresent();
    }

    public void save(DatasetRelease release) {
        jdbc.update("""
                insert into dataset_release (release_id, project_id, name, description, created_by, created_at,
                    label_count, sha256, version_counts)
                values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))""",
                release.releaseId(), release.projectId(), release.name(), release.description(), release.createdBy(),
                release.createdAt(), release.labelCount(), release.sha256(),
                EventCodec.mapper().valueToTree(release.versionCounts()));
    }

    public Map<Integer, Long> versionCounts(UUID releaseId) {
        Map<Integer, Long> counts = new TreeMap<>();
        jdbc.list("select version, count(*) as n from release_entry where release_id = ? group by version",
                row -> counts.put(row.getInt("version"), row.getLong("n")), releaseId);
        return counts;
    }

    public Optional<DatasetRelease> find(UUID projectId, String name) {
        return jdbc.one("select * from dataset_release where project_id = ? and name = ?", ReleaseRepository::map,
                projectId, name);
    }

    public List<DatasetRelease> list(UUID projectId) {
        return jdbc.list("select * from dataset_release where project_id = ? order by created_at, name",
                ReleaseRepository::map, projectId);
    }

    private static DatasetRelease map(ResultSet row) throws SQLException {
        Map<Integer, Long> counts;
        try {
            counts = EventCodec.mapper().readValue(row.getString("version_counts"), VERSION_COUNTS);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("version counts are not JSON", e);
        }
        return new DatasetRelease((UUID) row.getObject("release_id"), (UUID) row.getObject("project_id"),
                row.getString("name"), row.getString("description"), row.getString("created_by"),
                Columns.instant(row, "created_at"), row.getLong("label_count"), row.getString("sha256"), counts);
    }
}
