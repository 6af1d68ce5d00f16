package io.labelstream.annotation.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.type.TypeReference;
import io.agroal.api.AgroalDataSource;
import io.labelstream.annotation.domain.StoredSchema;
import io.labelstream.annotation.domain.Suggestion;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.events.ModelPrediction;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.events.TaskReleased;
import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.platform.jdbc.Jdbc;
import io.labelstream.platform.jdbc.JsonText;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What this service keeps of other services' events: schemas by version, item data, releases, predictions. */
@ApplicationScoped
public class ReferenceDataRepository {

    private static final String UPSERT_SCHEMA = """
            insert into schema_version_view (project_id, schema_version, project_revision, guideline_version, schema)
            values (?, ?, ?, ?, cast(? as jsonb))
            on conflict (project_id, schema_version) do update set project_revision = excluded.project_revision,
                guideline_version = excluded.guideline_version, schema = excluded.schema
            where schema_version_view.project_revision < excluded.project_revision""";
    private static final String FIND_SCHEMA =
            "select schema, guideline_version from schema_version_view where project_id = ? and schema_version = ?";
    private static final String UPSERT_ITEM = """
            insert into item_view (item_id, project_id, data) values (?, ?, cast(? as jsonb))
            on conflict (item_id) do update set project_id = excluded.project_id, data = excluded.data""";
    // one row per item: a multi-row upsert may not touch the same row twice, so the caller keeps one event per item
    private static final String UPSERT_ITEMS = """
            insert into item_view (item_id, project_id, data)
            select i.item_id, i.project_id, cast(i.data as jsonb)
            from unnest(cast(? as uuid[]), cast(? as uuid[]), cast(? as text[])) as i (item_id, project_id, data)
            order by i.item_id
            on conflict (item_id) do update set project_id = excluded.project_id, data = excluded.data""";
    static final String FIND_ITEM_DATA = "select data from item_view where item_id = ?";
    private static final String FIND_ITEM_PROJECT = "select project_id from item_view where item_id = ?";
    private static final String RECORD_RELEASE = """
            insert into released_assignment (assignment_id, item_id, annotator_id, reason, released_at)
            values (?, ?, ?, ?, ?) on conflict (assignment_id) do nothing""";
    private static final String RECORD_RELEASES = """
            insert into released_assignment (assignment_id, item_id, annotator_id, reason, released_at)
            select r.assignment_id, r.item_id, r.annotator_id, r.reason, cast(r.released_at as timestamptz)
            from unnest(cast(? as uuid[]), cast(? as uuid[]), cast(? as text[]), cast(? as text[]), cast(? as text[]))
                as r (assignment_id, item_id, annotator_id, reason, released_at)
            order by r.assignment_id
            on conflict (assignment_id) do nothing""";
    static final String IS_RELEASED = "select 1 from released_assignment where assignment_id = ?";
    private static final String UPSERT_PREDICTION = """
            insert into item_prediction (item_id, project_id, model_id, distribution, label, predicted_at)
            values (?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?)
            on conflict (item_id) do update set project_id = excluded.project_id, model_id = excluded.model_id,
                distribution = excluded.distribution, label = excluded.label, predicted_at = excluded.predicted_at
            where item_prediction.predicted_at <= excluded.predicted_at""";
    private static final String UPSERT_PREDICTIONS = """
            insert into item_prediction (item_id, project_id, model_id, distribution, label, predicted_at)
            select p.item_id, p.project_id, p.model_id, cast(p.distribution as jsonb), cast(p.label as jsonb),
                cast(p.predicted_at as timestamptz)
            from unnest(cast(? as uuid[]), cast(? as uuid[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
                cast(? as text[])) as p (item_id, project_id, model_id, distribution, label, predicted_at)
            order by p.item_id
            on conflict (item_id) do update set project_id = excluded.project_id, model_id = excluded.model_id,
                distribution = excluded.distribution, label = excluded.label, predicted_at = excluded.predicted_at
            where item_prediction.predicted_at <= excluded.predicted_at""";
    static final String FIND_PREDICTION =
            "select model_id, label, distribution, predicted_at from item_prediction where item_id = ?";

    private final AgroalDataSource dataSource;

    public ReferenceDataRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void saveSchema(ProjectEvent project) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement(UPSERT_SCHEMA)) {
            upsert.setObject(1, project.projectId());
            upsert.setInt(2, project.schemaVersion());
            upsert.setLong(3, project.revision());
            upsert.setInt(4, project.guidelines() == null ? 0 : project.guidelines().version());
            upsert.setString(5, JsonText.write(project.schema()));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("storing schema of project " + project.projectId(), e);
        }
    }

    public Optional<StoredSchema> findSchema(UUID projectId, int schemaVersion) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement find = connection.prepareStatement(FIND_SCHEMA)) {
            find.setObject(1, projectId);
            find.setInt(2, schemaVersion);
            try (ResultSet row = find.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredSchema(JsonText.read(row.getString(1), LabelingSchema.class),
                        row.getInt(2)));
            }
        } catch (SQLException e) {
            throw Jdbc.failure("reading schema of project " + projectId, e);
        }
    }

    public void saveItem(ItemIngested item) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement(UPSERT_ITEM)) {
            upsert.setObject(1, item.itemId());
            upsert.setObject(2, item.projectId());
            upsert.setString(3, item.data() == null ? "{}" : JsonText.write(item.data()));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("storing item " + item.itemId(), e);
        }
    }

    /** Stores many items in one statement; at most one of them per item id. */
    public void saveItems(Collection<ItemIngested> items) {
        if (items.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement(UPSERT_ITEMS)) {
            upsert.setArray(1, connection.createArrayOf("uuid", items.stream().map(ItemIngested::itemId).toArray()));
            upsert.setArray(2, connection.createArrayOf("uuid", items.stream().map(ItemIngested::projectId).toArray()));
            upsert.setArray(3, connection.createArrayOf("text", items.stream()
                    .map(item -> item.data() == null ? "{}" : JsonText.write(item.data())).toArray()));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("storing " + items.size() + " items", e);
        }
    }

    public Optional<JsonNode> findItemData(UUID itemId) {
        return findOne(FIND_ITEM_DATA, itemId, row -> JsonText.tree(row.getString(1)));
    }

    public Optional<UUID> findItemProject(UUID itemId) {
        return findOne(FIND_ITEM_PROJECT, itemId, row -> row.getObject(1, UUID.class));
    }

    public void recordRelease(TaskReleased released) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(RECORD_RELEASE)) {
            insert.setObject(1, released.assignmentId());
            insert.setObject(2, released.itemId());
            insert.setString(3, released.annotatorId());
            insert.setString(4, released.reason() == null ? "UNKNOWN" : released.reason().name());
            insert.setTimestamp(5, Timestamp.from(released.releasedAt()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("recording release of " + released.assignmentId(), e);
        }
    }

    /** Records many releases in one statement; a release already recorded, or given twice, stays as first recorded. */
    public void recordReleases(Collection<TaskReleased> releases) {
        if (releases.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(RECORD_RELEASES)) {
            insert.setArray(1, connection.createArrayOf("uuid", releases.stream().map(TaskReleased::assignmentId).toArray()));
            insert.setArray(2, connection.createArrayOf("uuid", releases.stream().map(TaskReleased::itemId).toArray()));
            insert.setArray(3, connection.createArrayOf("text", releases.stream().map(TaskReleased::annotatorId).toArray()));
            insert.setArray(4, connection.createArrayOf("text", releases.stream()
                    .map(r -> r.reason() == null ? "UNKNOWN" : r.reason().name()).toArray()));
            insert.setArray(5, connection.createArrayOf("text", releases.stream()
                    .map(r -> r.releasedAt().toString()).toArray()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("recording " + releases.size() + " releases", e);
        }
    }

    public boolean isReleased(UUID assignmentId) {
        return findOne(IS_RELEASED, assignmentId, row -> true).orElse(false);
    }

    public void savePrediction(ModelPrediction prediction) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement(UPSERT_PREDICTION)) {
            upsert.setObject(1, prediction.itemId());
            upsert.setObject(2, prediction.projectId());
            upsert.setString(3, prediction.modelId());
            upsert.setString(4, JsonText.write(prediction.distribution()));
            upsert.setString(5, JsonText.write(prediction.label()));
            upsert.setTimestamp(6, Timestamp.from(prediction.predictedAt()));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("storing prediction for " + prediction.itemId(), e);
        }
    }

    /** Stores many predictions in one statement; at most one of them per item id. */
    public void savePredictions(Collection<ModelPrediction> predictions) {
        if (predictions.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement(UPSERT_PREDICTIONS)) {
            upsert.setArray(1, connection.createArrayOf("uuid", predictions.stream().map(ModelPrediction::itemId).toArray()));
            upsert.setArray(2, connection.createArrayOf("uuid", predictions.stream().map(ModelPrediction::projectId).toArray()));
            upsert.setArray(3, connection.createArrayOf("text", predictions.stream().map(ModelPrediction::modelId).toArray()));
            upsert.setArray(4, connection.createArrayOf("text", predictions.stream()
                    .map(p -> JsonText.write(p.distribution())).toArray()));
            upsert.setArray(5, connection.createArrayOf("text", predictions.stream()
                    .map(p -> JsonText.write(p.label())).toArray()));
            upsert.setArray(6, connection.createArrayOf("text", predictions.stream()
                    .map(p -> p.predictedAt().toString()).toArray()));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("storing " + predictions.size() + " predictions", e);
        }
    }

    public Optional<Suggestion> findSuggestion(UUID itemId) {
        return findOne(FIND_PREDICTION, itemId, row -> new Suggestion(row.getString(1), JsonText.tree(row.getString(2)),
                distribution(row.getString(3)), row.getTimestamp(4).toInstant()));
    }

    private static Map<String, Double> distribution(String json) {
        if (json == null) {
            return null;
        }
        return EventCodec.mapper().convertValue(JsonText.tree(json), new TypeReference<Map<String, Double>>() {
        });
    }

    private <T> Optional<T> findOne(String sql, UUID id, RowReader<T> reader) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement find = connection.prepareStatement(sql)) {
            find.setObject(1, id);
            try (ResultSet row = find.executeQuery()) {
                return row.next() ? Optional.ofNullable(reader.read(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("reading " + id, e);
        }
    }

    interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }
}
