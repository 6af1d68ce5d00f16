package io.labelstream.learning.repository;

import io.labelstream.platform.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

/**
 * Which model version of a project is the latest: asked on every item and every gold change, so it is one plain
 * statement on the unique (project, version) index, not an entity query.
 */
@ApplicationScoped
public class LatestModelRepository {

    private static final String LATEST = """
            select model_id, training_labels from model_version where project_id = ?
            order by version desc limit 1""";

    private final Jdbc jdbc;

    public LatestModelRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The latest version of a project's model: its id and the gold labels it saw. */
    public record LatestModel(String modelId, int trainingLabels) {
    }

    public Optional<LatestModel> of(UUID projectId) {
        return jdbc.one(LATEST, r -> new LatestModel(r.getString(1), r.getInt(2)), projectId);
    }
}
