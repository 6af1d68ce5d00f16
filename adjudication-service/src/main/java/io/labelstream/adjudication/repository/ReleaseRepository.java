package io.labelstream.adjudication.repository;

import io.labelstream.adjudication.domain.DatasetRelease;
import io.labelstream.adjudication.domain.Release;
import io.labelstream.platform.jdbc.Jdbc;
import io.labelstream.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** Named dataset releases; their rows are written once and never updated. */
@ApplicationScoped
public class ReleaseRepository {

    private final Jdbc jdbc;

    public ReleaseRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public boolean exists(UUID projectId, String name) {
        return Release.count("projectId = ?1 and name = ?2", projectId, name) > 0;
    }

    /**
     * Stores the release after its entries (the foreign key is checked at commit). A release of the same
     * name stored meanwhile by a concurrent request is a conflict, as if {@link #exists} had seen it.
     */
    public void save(DatasetRelease release) {
        try {
            Release.of(release).persistAndFlush();
        } catch (PersistenceException e) {
            if (Jdbc.causedByUniqueViolation(e)) {
                throw ProblemException.conflict("release '" + release.name() + "' of project " + release.projectId()
                        + " already exists");
            }
            throw e;
        }
    }

    /** How many entries of each gold version the release holds; its entries are SQL, written in bulk. */
    public Map<Integer, Long> versionCounts(UUID releaseId) {
        Map<Integer, Long> counts = new TreeMap<>();
        jdbc.list("select version, count(*) as n from release_entry where release_id = ? group by version",
                row -> counts.put(row.getInt("version"), row.getLong("n")), releaseId);
        return counts;
    }

    public Optional<DatasetRelease> find(UUID projectId, String name) {
        return Release.<Release>find("projectId = ?1 and name = ?2", projectId, name).firstResultOptional()
                .map(Release::view);
    }

    public List<DatasetRelease> list(UUID projectId) {
        return Release.<Release>list("projectId = ?1 order by createdAt, name", projectId).stream()
                .map(Release::view)
                .toList();
    }
}
