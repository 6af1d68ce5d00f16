package io.labelstream.learning.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.platform.jdbc.Jdbc;
import io.labelstream.platform.jdbc.JsonText;
import io.labelstream.platform.outbox.ArrayLiteral;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Items, their gold labels and the predictions published for them; plain SQL, as it runs per event. */
@ApplicationScoped
public class LearningItemRepository {

    private static final String SAVE_ITEM = """
            insert into learning_item (item_id, project_id, regular, text) values (?, ?, ?, ?)
            on conflict (item_id) do update set regular = excluded.regular, text = excluded.text, pending_data = null
            returning gold_label is not null and not model_decided""";
    private static final String SAVE_ITEM_BEFORE_PROJECT = """
            insert into learning_item (item_id, project_id, regular, pending_data) values (?, ?, ?, cast(? as jsonb))
            on conflict (item_id) do update set regular = excluded.regular, text = null,
                pending_data = excluded.pending_data""";
    private static final String PENDING = """
            select item_id, pending_data from learning_item where project_id = ? and pending_data is not null""";
    private static final String SET_TEXTS = """
            update learning_item l set text = u.text, pending_data = null
            from unnest(?::uuid[], ?::text[]) as u(item_id, text)
            where l.item_id = u.item_id and l.pending_data is not null
            returning l.text is not null and l.gold_label is not null and not l.model_decided""";
    // the two-key form keeps these locks apart from the other services' one-key project locks in the database
    private static final String HOLD_PROJECT_ITEMS =
            "select pg_advisory_xact_lock(hashtext('learning_item_text'), hashtext(cast(? as text)))";
    private static final String SHARE_PROJECT_ITEMS =
            "select pg_advisory_xact_lock_shared(hashtext('learning_item_text'), hashtext(cast(? as text)))";
    // a stale version (a redelivery, or an older record read after a newer one) changes nothing
    private static final String SAVE_GOLD = """
            insert into learning_item (item_id, project_id, gold_label, gold_version, model_decided)
            values (?, ?, cast(? as jsonb), ?, ?)
            on conflict (item_id) do update set gold_label = excluded.gold_label, gold_version = excluded.gold_version,
                model_decided = excluded.model_decided
            where learning_item.gold_version < excluded.gold_version""";
    // the batch form of SAVE_GOLD: at most one row per item (an upsert changes a row once per statement)
    private static final String SAVE_GOLDS = """
            insert into learning_item (item_id, project_id, gold_label, gold_version, model_decided)
            select i, p, cast(l as jsonb), v, m from unnest(?::uuid[], ?::uuid[], ?::text[], ?::integer[], ?::boolean[])
                as u(i, p, l, v, m)
            on conflict (item_id) do update set gold_label = excluded.gold_label, gold_version = excluded.gold_version,
                model_decided = excluded.model_decided
            where learning_item.gold_version < excluded.gold_version
            returning project_id, model_decided""";
    private static final String WITHDRAW_GOLD = """
            update learning_item set gold_label = null, predicted_label = null, predicted_uncertainty = null
            where item_id = ? and gold_label is not null returning project_id""";
    private static final String COUNT_CHANGE = """
            insert into learning_project (project_id, gold_changes) values (?, 1)
            on conflict (project_id) do update set gold_changes = learning_project.gold_changes + 1""";
    private static final String COUNT_CHANGES = """
            insert into learning_project (project_id, gold_changes) values (?, ?)
            on conflict (project_id) do update set gold_changes = learning_project.gold_changes + excluded.gold_changes""";
    private static final String CHANGES = "select gold_changes from learning_project where project_id = ?";
    private static final String CONSUME_CHANGES =
            "update learning_project set gold_changes = greatest(0, gold_changes - ?) where project_id = ?";
    private static final String GOLD_COUNT_UP_TO = """
            select count(*) from (
                select 1 from learning_item
                where project_id = ? and gold_label is not null and not model_decided and text is not null
                limit ?) counted""";
    private static final String GOLD = """
            select text, gold_label from learning_item
            where project_id = ? and gold_label is not null and not model_decided and text is not null order by item_id""";
    private static final String UNLABELLED = """
            select item_id, text, predicted_label, predicted_uncertainty from learning_item
            where project_id = ? and gold_label is null and regular and text is not null and item_id > ?
            order by item_id limit ?""";
    private static final String UNSCORED = """
            select item_id, text, predicted_label, predicted_uncertainty from learning_item
            where project_id = ? and gold_label is null and regular and text is not null and predicted_label is null
              and item_id > ?
            order by item_id limit ?""";
    // one probe of the unscored index per project with a model, not a join of every item with every version
    private static final String PROJECTS_WITH_UNSCORED = """
            select p.project_id from (select distinct project_id from model_version) p
            where exists (select 1 from learning_item i where i.project_id = p.project_id and i.gold_label is null
                and i.predicted_label is null and i.regular and i.text is not null)""";
    // one statement for a training's whole batch of predictions rather than one per item; an item whose gold
    // label committed since it was read is left alone, and one being labelled right now is waited for
    private static final String SET_PREDICTIONS = """
            update learning_item l set predicted_label = u.label, predicted_uncertainty = u.uncertainty
            from unnest(?::uuid[], ?::text[], ?::float8[]) as u(item_id, label, uncertainty)
            where l.item_id = u.item_id and l.gold_label is null
            returning l.item_id""";
    private static final String DUE = "select project_id from learning_project where gold_changes > 0";

    private final Jdbc jdbc;

    public LearningItemRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the item's text; returns whether the item already has a gold label training learns from (its
     * label overtook it), which with the text becomes a training example.
     */
    public boolean saveItem(UUID itemId, UUID projectId, boolean regular, String text) {
        return jdbc.one(SAVE_ITEM, r -> r.getBoolean(1), itemId, projectId, regular, text).orElse(false);
    }

    /** Stores an item whose project is not known yet with its data, for {@link #setTexts} once it is. */
    public void saveItemBeforeProject(UUID itemId, UUID projectId, boolean regular, JsonNode data) {
        jdbc.update(SAVE_ITEM_BEFORE_PROJECT, itemId, projectId, regular, data == null ? null : data.toString());
    }

    /** An item stored before its project, with its data. */
    public record PendingItem(UUID itemId, JsonNode data) {
    }

    public List<PendingItem> itemsBeforeProject(UUID projectId) {
        return jdbc.list(PENDING, r -> new PendingItem(r.getObject(1, UUID.class), JsonText.tree(r.getString(2))),
                projectId);
    }

    /**
     * Gives items stored before their project their text (null where their data has none) and forgets their
     * data; returns how many of them are labelled for training, and with their text now become examples.
     */
    public int setTexts(Map<UUID, String> texts) {
        if (texts.isEmpty()) {
            return 0;
        }
        List<UUID> ids = List.copyOf(texts.keySet());
        return (int) jdbc.list(SET_TEXTS, r -> r.getBoolean(1),
                ArrayLiteral.of(ids), ArrayLiteral.of(ids.stream().map(texts::get).toList()))
                .stream().filter(Boolean::booleanValue).count();
    }

    /**
     * Serialises an item that arrives before its project with the project's arrival (shared, items among
     * themselves; exclusive, the project): either the project's transaction sees the item stored with its data,
     * or the item's sees the project.
     */
    public void shareProjectItems(UUID projectId) {
        jdbc.one(SHARE_PROJECT_ITEMS, r -> Boolean.TRUE, projectId);
    }

    public void holdProjectItems(UUID projectId) {
        jdbc.one(HOLD_PROJECT_ITEMS, r -> Boolean.TRUE, projectId);
    }

    /**
     * Stores the label if it is newer than the one stored; returns whether it was. A label a model decided
     * marks the item as labelled but stays out of training.
     */
    public boolean saveGold(UUID itemId, UUID projectId, JsonNode label, int version, boolean modelDecided) {
        return jdbc.update(SAVE_GOLD, itemId, projectId, label.toString(), version, modelDecided) > 0;
    }

    /** A gold label to store with {@link #saveGolds}. */
    public record GoldRow(UUID itemId, UUID projectId, JsonNode label, int version, boolean modelDecided) {
    }

    /** A stored gold label: its project, and whether a model decided it. */
    public record SavedGold(UUID projectId, boolean modelDecided) {
    }

    /**
     * {@link #saveGold} for many labels of distinct items in one statement; returns those that were stored
     * (newer than the stored version).
     */
    public List<SavedGold> saveGolds(List<GoldRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        return jdbc.list(SAVE_GOLDS, r -> new SavedGold(r.getObject(1, UUID.class), r.getBoolean(2)),
                ArrayLiteral.of(rows.stream().map(GoldRow::itemId).toList()),
                ArrayLiteral.of(rows.stream().map(GoldRow::projectId).toList()),
                ArrayLiteral.of(rows.stream().map(g -> g.label().toString()).toList()),
                ArrayLiteral.of(rows.stream().map(GoldRow::version).toList()),
                ArrayLiteral.of(rows.stream().map(GoldRow::modelDecided).toList()));
    }

    /** Drops the item's gold label; the project of an item that had one. */
    public Optional<UUID> withdrawGold(UUID itemId) {
        return jdbc.one(WITHDRAW_GOLD, r -> r.getObject(1, UUID.class), itemId);
    }

    public void countChange(UUID projectId) {
        jdbc.update(COUNT_CHANGE, projectId);
    }

    /** {@link #countChange} {@code changes} times in one statement. */
    public void countChanges(UUID projectId, int changes) {
        jdbc.update(COUNT_CHANGES, projectId, changes);
    }

    public int changes(UUID projectId) {
        return jdbc.one(CHANGES, r -> r.getInt(1), projectId).orElse(0);
    }

    /** Subtracts the changes a training has taken in; those arriving meanwhile stay counted. */
    public void consumeChanges(UUID projectId, int changes) {
        jdbc.update(CONSUME_CHANGES, changes, projectId);
    }

    /**
     * The project's gold labels a training would learn from, counted no further than {@code cap}: the schedule
     * only asks whether there are enough to train, and a full count on every gold label would read the whole
     * project each time, a cost that grows with the project.
     */
    public int goldCountUpTo(UUID projectId, int cap) {
        return jdbc.one(GOLD_COUNT_UP_TO, r -> r.getInt(1), projectId, cap).orElse(0);
    }

    public record Gold(String text, JsonNode label) {
    }

    public List<Gold> gold(UUID projectId) {
        return jdbc.list(GOLD, r -> new Gold(r.getString(1), JsonText.tree(r.getString(2))), projectId);
    }

    public record Unlabelled(UUID itemId, String text, String predictedLabel, Double predictedUncertainty) {
    }

    /** The next {@code limit} unlabelled regular items with text after {@code after}, in item id order. */
    public List<Unlabelled> unlabelled(UUID projectId, UUID after, int limit) {
        return jdbc.list(UNLABELLED, r -> new Unlabelled(r.getObject(1, UUID.class), r.getString(2), r.getString(3),
                r.getObject(4) == null ? null : r.getDouble(4)), projectId, after, limit);
    }

    /** Like {@link #unlabelled} but only items no prediction was published for yet. */
    public List<Unlabelled> unscored(UUID projectId, UUID after, int limit) {
        return jdbc.list(UNSCORED, r -> new Unlabelled(r.getObject(1, UUID.class), r.getString(2), null, null),
                projectId, after, limit);
    }

    /** Projects with a model and unlabelled items it has not scored (they arrived while it was trained). */
    public List<UUID> projectsWithUnscoredItems() {
        return jdbc.list(PROJECTS_WITH_UNSCORED, r -> r.getObject(1, UUID.class));
    }

    public record Published(UUID itemId, String label, double uncertainty) {
    }

    /**
     * Records the predictions of items that are still unlabelled; returns those items. A training scores items
     * outside any transaction, so an item may have been labelled since it was read: its prediction is dropped. Of
     * two predictions for one item, the later in the list stays, as written one after another.
     */
    public Set<UUID> setPredictions(List<Published> published) {
        if (published.isEmpty()) {
            return Set.of();
        }
        Map<UUID, Published> lastOfItem = new LinkedHashMap<>();
        published.forEach(p -> lastOfItem.put(p.itemId(), p));
        List<Published> rows = List.copyOf(lastOfItem.values());
        return Set.copyOf(jdbc.list(SET_PREDICTIONS, r -> r.getObject(1, UUID.class),
                ArrayLiteral.of(rows.stream().map(Published::itemId).toList()),
                ArrayLiteral.of(rows.stream().map(Published::label).toList()),
                ArrayLiteral.of(rows.stream().map(Published::uncertainty).toList())));
    }

    public List<UUID> projectsWithChanges() {
        return jdbc.list(DUE, r -> r.getObject(1, UUID.class));
    }
}
