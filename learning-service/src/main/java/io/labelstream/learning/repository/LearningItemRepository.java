package io.labelstream.learning.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.labelstream.contracts.EventCodec;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Items, their gold labels and the predictions published for them; plain SQL, as it runs per event. */
@ApplicationScoped
public class LearningItemRepository {

    private static final String SAVE_ITEM = """
            insert into learning_item (item_id, project_id, regular, text) values (?, ?, ?, ?)
            on conflict (item_id) do update set regular = excluded.regular, text = excluded.text""";
    // a stale version (a redelivery, or an older record read after a newer one) changes nothing
    private static final String SAVE_GOLD = """
            insert into learning_item (item_id, project_id, gold_label, gold_version) values (?, ?, cast(? as jsonb), ?)
            on conflict (item_id) do update set gold_label = excluded.gold_label, gold_version = excluded.gold_version
            where learning_item.gold_version < excluded.gold_version""";
    private static final String WITHDRAW_GOLD = """
            update learning_item set gold_label = null, predicted_label = null, predicted_uncertainty = null
            where item_id = ? and gold_label is not null returning project_id""";
    private static final String COUNT_CHANGE = """
            insert into learning_project (project_id, gold_changes) values (?, 1)
            on conflict (project_id) do update set gold_changes = learning_project.gold_changes + 1""";
    private static final String CHANGES = "select gold_changes from learning_project where project_id = ?";
    private static final String CONSUME_CHANGES =
            "update learning_project set gold_changes = greatest(0, gold_changes - ?) where project_id = ?";
    private static final String GOLD_COUNT =
            "select count(*) from learning_item where project_id = ? and gold_label is not null and text is not null";
    private static final String GOLD = """
            select text, gold_label from learning_item
            where project_id = ? and gold_label is not null and text is not null order by item_id""";
    private static final String UNLABELLED = """
            select item_id, text, predicted_label, predicted_uncertainty from learning_item
            where project_id = ? and gold_label is null and regular and text is not null and item_id > ?
            order by item_id limit ?""";
    private static final String UNSCORED = """
            select item_id, text, predicted_label, predicted_uncertainty from learning_item
            where project_id = ? and gold_label is null and regular and text is not null and predicted_label is null
              and item_id > ?
            order by item_id limit ?""";
    private static final String PROJECTS_WITH_UNSCORED = """
            select distinct i.project_id from learning_item i join model_version m on m.project_id = i.project_id
            where i.gold_label is null and i.regular and i.text is not null and i.predicted_label is null""";
    private static final String SET_PREDICTION =
            "update learning_item set predicted_label = ?, predicted_uncertainty = ? where item_id = ?";
    private static final String DUE = "select project_id from learning_project where gold_changes > 0";

    private final AgroalDataSource dataSource;

    public LearningItemRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void saveItem(UUID itemId, UUID projectId, boolean regular, String text) {
        update(SAVE_ITEM, s -> {
            s.setObject(1, itemId);
            s.setObject(2, projectId);
            s.setBoolean(3, regular);
            s.setString(4, text);
        });
    }

    /** Stores the label if it is newer than the one stored; returns whether it was. */
    public boolean saveGold(UUID itemId, UUID projectId, JsonNode label, int version) {
        return update(SAVE_GOLD, s -> {
            s.setObject(1, itemId);
            s.setObject(2, projectId);
            s.setString(3, label.toString());
            s.setInt(4, version);
        }) > 0;
    }

    /** Drops the item's gold label; the project of an item that had one. */
    public Optional<UUID> withdrawGold(UUID itemId) {
        return query(WITHDRAW_GOLD, s -> s.setObject(1, itemId), r -> r.getObject(1, UUID.class)).stream().findFirst();
    }

    public void countChange(UUID projectId) {
        update(COUNT_CHANGE, s -> s.setObject(1, projectId));
    }

    public int changes(UUID projectId) {
        return query(CHANGES, s -> s.setObject(1, projectId), r -> r.getInt(1)).stream().findFirst().orElse(0);
    }

    /** Subtracts the changes a training has taken in; those arriving meanwhile stay counted. */
    public void consumeChanges(UUID projectId, int changes) {
        update(CONSUME_CHANGES, s -> {
            s.setInt(1, changes);
            s.setObject(2, projectId);
        });
    }

    public int goldCount(UUID projectId) {
        return query(GOLD_COUNT, s -> s.setObject(1, projectId), r -> r.getInt(1)).get(0);
    }

    public record Gold(String text, JsonNode label) {
    }

    public List<Gold> gold(UUID projectId) {
        return query(GOLD, s -> s.setObject(1, projectId), r -> new Gold(r.getString(1), readJson(r.getString(2))));
    }

    public record Unlabelled(UUID itemId, String text, String predictedLabel, Double predictedUncertainty) {
    }

    /** The next {@code limit} unlabelled regular items with text after {@code after}, in item id order. */
    public List<Unlabelled> unlabelled(UUID projectId, UUID after, int limit) {
        return query(UNLABELLED, s -> {
            s.setObject(1, projectId);
            s.setObject(2, after);
            s.setInt(3, limit);
        }, r -> new Unlabelled(r.getObject(1, UUID.class), r.getString(2), r.getString(3),
                r.getObject(4) == null ? null : r.getDouble(4)));
    }

    /** Like {@link #unlabelled} but only items no prediction was published for yet. */
    public List<Unlabelled> unscored(UUID projectId, UUID after, int limit) {
        return query(UNSCORED, s -> {
            s.setObject(1, projectId);
            s.setObject(2, after);
            s.setInt(3, limit);
        }, r -> new Unlabelled(r.getObject(1, UUID.class), r.getString(2), null, null));
    }

    /** Projects with a model and unlabelled items it has not scored (they arrived while it was trained). */
    public List<UUID> projectsWithUnscoredItems() {
        return query(PROJECTS_WITH_UNSCORED, s -> { }, r -> r.getObject(1, UUID.class));
    }

    public record Published(UUID itemId, String label, double uncertainty) {
    }

    public void setPredictions(List<Published> published) {
        if (published.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement s = connection.prepareStatement(SET_PREDICTION)) {
            for (Published p : published) {
                s.setString(1, p.label());
                s.setDouble(2, p.uncertainty());
                s.setObject(3, p.itemId());
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("predictions could not be recorded", e);
        }
    }

    public List<UUID> projectsWithChanges() {
        return query(DUE, s -> { }, r -> r.getObject(1, UUID.class));
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private int update(String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement s = connection.prepareStatement(sql)) {
            binder.bind(s);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("learning store write failed", e);
        }
    }

    private <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement s = connection.prepareStatement(sql)) {
            binder.bind(s);
            List<T> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(mapper.map(r));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("learning store read failed", e);
        }
    }

    private static JsonNode readJson(String json) {
        try {
            return EventCodec.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a stored label is not JSON", e);
        }
    }
}
