package io.labelstream.quality.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.labelstream.contracts.events.ItemDecision;
import io.labelstream.platform.jdbc.Binds;
import io.labelstream.platform.jdbc.Columns;
import io.labelstream.platform.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Per-item quality state. Callers hold a transaction. */
@ApplicationScoped
public class QualityItemRepository {

    static final String COLUMNS = "item_id, project_id, gold, annotators_per_item, reference_answer, decision, "
            + "consensus_label, confidence, agreement, method, label_count, assessed_at";

    private final AgroalDataSource dataSource;
    private final RebuildMemory memory;

    public QualityItemRepository(AgroalDataSource dataSource, RebuildMemory memory) {
        this.dataSource = dataSource;
        this.memory = memory;
    }

    /**
     * The item's row, created if this is the first event about it, locked until the transaction ends. An item's
     * first event is rare beside its later ones, so the row is looked for first: one statement when it exists.
     */
    public ItemRow lock(UUID itemId, UUID projectId) {
        WorkingSet working = memory.current();
        if (working != null) {
            return working.lockItem(itemId);
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select " + COLUMNS + " from quality_item where item_id = ? for update")) {
            select.setObject(1, itemId);
            Optional<ItemRow> existing = lockedRow(select);
            if (existing.isPresent()) {
                return existing.get();
            }
            // another transaction may be creating it too: the insert then waits for it and does nothing
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into quality_item (item_id, project_id) values (?, ?) on conflict do nothing")) {
                insert.setObject(1, itemId);
                insert.setObject(2, projectId);
                insert.executeUpdate();
            }
            return lockedRow(select).orElseThrow();
        } catch (SQLException e) {
            throw Jdbc.failure("locking item " + itemId, e);
        }
    }

    private static Optional<ItemRow> lockedRow(PreparedStatement select) throws SQLException {
        try (ResultSet result = select.executeQuery()) {
            return result.next() ? Optional.of(row(result)) : Optional.empty();
        }
    }

    /**
     * Locks the rows of many items at once, creating those seen for the first time, in item id order: two
     * transactions locking overlapping items this way wait for one another in one order, never in a cycle.
     *
     * @param projectOfItem each item's project
     * @return the locked rows, in item id order
     */
    public List<ItemRow> lockAll(Map<UUID, UUID> projectOfItem) {
        List<ItemRow> rows = new ArrayList<>();
        if (projectOfItem.isEmpty()) {
            return rows;
        }
        UUID[] itemIds = projectOfItem.keySet().stream().sorted().toArray(UUID[]::new);
        UUID[] projectIds = Arrays.stream(itemIds).map(projectOfItem::get).toArray(UUID[]::new);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "insert into quality_item (item_id, project_id) select i, p from unnest(?, ?) as n (i, p)"
                             + " order by i on conflict do nothing");
             PreparedStatement select = connection.prepareStatement(
                     "select " + COLUMNS + " from quality_item where item_id = any(?) order by item_id for update")) {
            Array items = connection.createArrayOf("uuid", itemIds);
            insert.setArray(1, items);
            insert.setArray(2, connection.createArrayOf("uuid", projectIds));
            insert.executeUpdate();
            select.setArray(1, items);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(row(result));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw Jdbc.failure("locking " + itemIds.length + " items", e);
        }
    }

    public Optional<ItemRow> find(UUID projectId, UUID itemId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select " + COLUMNS + " from quality_item where item_id = ? and project_id = ?")) {
            select.setObject(1, itemId);
            select.setObject(2, projectId);
            try (ResultSet result = select.executeQuery()) {
                return result.next() ? Optional.of(row(result)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("reading item " + itemId, e);
        }
    }

    /**
     * The statement of {@link #assessed}: parameters project, decision, after, limit. A page reads its own rows
     * through quality_item_assessed or quality_item_decided, whatever the size of the project.
     */
    static String assessedPage(boolean ofDecision, boolean after) {
        return "select " + COLUMNS + " from quality_item where project_id = ? and not gold and decision is not null"
                + (ofDecision ? " and decision = ?" : "")
                + (after ? " and item_id > ?" : "")
                + " order by item_id limit ?";
    }

    /** Assessed regular items of a project, optionally of one decision, in item id order after {@code after}. */
    public List<ItemRow> assessed(UUID projectId, ItemDecision decision, UUID after, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(assessedPage(decision != null, after != null))) {
            int index = 1;
            select.setObject(index++, projectId);
            if (decision != null) {
                select.setString(index++, decision.name());
            }
            if (after != null) {
                select.setObject(index++, after);
            }
            select.setInt(index, limit);
            List<ItemRow> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(row(result));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw Jdbc.failure("listing items of project " + projectId, e);
        }
    }

    /** Marks a pilot item: every pilot annotator labels it, and calibration measures them on it. */
    public void markPilot(UUID itemId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "update quality_item set pilot = true where item_id = ? and not pilot")) {
            update.setObject(1, itemId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("marking pilot item " + itemId, e);
        }
    }

    public void markGold(UUID itemId, JsonNode referenceAnswer) {
        WorkingSet working = memory.current();
        if (working != null) {
            working.updateItem(itemId, r -> new ItemRow(r.itemId(), r.projectId(), true, r.annotatorsPerItem(),
                    referenceAnswer == null ? r.referenceAnswer() : referenceAnswer, r.decision(), r.consensusLabel(),
                    r.confidence(), r.agreement(), r.method(), r.labelCount(), r.assessedAt()));
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "update quality_item set gold = true, reference_answer = coalesce(cast(? as jsonb), reference_answer), "
                             + "updated_at = now() where item_id = ?")) {
            Binds.setJson(update, 1, referenceAnswer);
            update.setObject(2, itemId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("marking item " + itemId + " gold", e);
        }
    }

    /** Remembers the item's own overlap k as ItemIngested gave it; null hands the item back to the project's k. */
    public void saveAnnotatorsPerItem(UUID itemId, Integer annotatorsPerItem) {
        WorkingSet working = memory.current();
        if (working != null) {
            working.updateItem(itemId, r -> new ItemRow(r.itemId(), r.projectId(), r.gold(), annotatorsPerItem,
                    r.referenceAnswer(), r.decision(), r.consensusLabel(), r.confidence(), r.agreement(), r.method(),
                    r.labelCount(), r.assessedAt()));
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "update quality_item set annotators_per_item = ?, updated_at = now() where item_id = ?")) {
            update.setObject(1, annotatorsPerItem, Types.INTEGER);
            update.setObject(2, itemId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("storing the overlap of item " + itemId, e);
        }
    }

    public void saveLabelCount(UUID itemId, int labelCount) {
        WorkingSet working = memory.current();
        if (working != null) {
            working.updateItem(itemId, r -> new ItemRow(r.itemId(), r.projectId(), r.gold(), r.annotatorsPerItem(),
                    r.referenceAnswer(), r.decision(), r.consensusLabel(), r.confidence(), r.agreement(), r.method(),
                    labelCount, r.assessedAt()));
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "update quality_item set label_count = ?, updated_at = now() where item_id = ?")) {
            update.setInt(1, labelCount);
            update.setObject(2, itemId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("counting labels of item " + itemId, e);
        }
    }

    public void saveAssessment(UUID itemId, ItemAssessment assessment, Instant at) {
        WorkingSet working = memory.current();
        if (working != null) {
            working.updateItem(itemId, r -> new ItemRow(r.itemId(), r.projectId(), r.gold(), r.annotatorsPerItem(),
                    r.referenceAnswer(), assessment.decision(), assessment.consensusLabel(), assessment.confidence(),
                    assessment.agreement(), assessment.method(), assessment.labelCount(), WorkingSet.micros(at)));
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "update quality_item set decision = ?, consensus_label = cast(? as jsonb), confidence = ?, "
                             + "agreement = ?, method = ?, label_count = ?, assessed_at = ?, updated_at = now() "
                             + "where item_id = ?")) {
            update.setString(1, assessment.decision() == null ? null : assessment.decision().name());
            Binds.setJson(update, 2, assessment.consensusLabel());
            Binds.setDouble(update, 3, assessment.confidence());
            Binds.setDouble(update, 4, assessment.agreement());
            update.setString(5, assessment.method());
            update.setInt(6, assessment.labelCount());
            update.setTimestamp(7, Timestamp.from(at));
            update.setObject(8, itemId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("storing the assessment of item " + itemId, e);
        }
    }

    /** Remembers what labeling.item-quality was told about the item. */
    public void markPublished(UUID itemId) {
        WorkingSet working = memory.current();
        if (working != null) {
            working.markPublished(itemId);
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "update quality_item set published_decision = decision, published_label = consensus_label "
                             + "where item_id = ?")) {
            update.setObject(1, itemId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("marking item " + itemId + " published", e);
        }
    }

    /** Items of a project whose decision or consensus differs from what was last published. */
    public List<UUID> changedSincePublished(UUID projectId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select item_id from quality_item where project_id = ? and not gold and decision is not null "
                             + "and (published_decision is distinct from decision "
                             + "or published_label is distinct from consensus_label) order by item_id")) {
            select.setObject(1, projectId);
            return Columns.uuids(select);
        } catch (SQLException e) {
            throw Jdbc.failure("finding changed items of project " + projectId, e);
        }
    }

    /**
     * Regular items whose stored assessment still counts labels of annotators quarantined since: their
     * re-assessment after the quarantine is still to come (or was lost). Every assessment stores the number of
     * labels it counted, which excludes quarantined annotators, so these are the items where it differs.
     */
    public List<UUID> countingQuarantinedLabels(UUID projectId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     select i.item_id from quality_item i
                     left join (select l.item_id, count(*) filter (where a.status is distinct from 'QUARANTINED') as counted
                                from quality_label l left join quality_annotator a
                                  on a.project_id = l.project_id and a.annotator_id = l.annotator_id
                                where l.project_id = ? group by l.item_id) c on c.item_id = i.item_id
                     where i.project_id = ? and not i.gold and i.label_count <> coalesce(c.counted, 0)
                     order by i.item_id""")) {
            select.setObject(1, projectId);
            select.setObject(2, projectId);
            return Columns.uuids(select);
        } catch (SQLException e) {
            throw Jdbc.failure("finding items counting quarantined labels in project " + projectId, e);
        }
    }

    /**
     * The statement of {@link #progress}: a project's progress rows summed by group, with how many rows each group
     * had. Parameter: the project. Reads the project's rows of quality_progress_count alone.
     */
    static final String PROGRESS = "select decision, started, annotators_per_item, sum(items), sum(labels), count(*) "
            + "from quality_progress_count where project_id = ? group by 1, 2, 3";

    /**
     * The statement that folds a project's progress rows into one per group. Parameters: the project, twice. Rows
     * another transaction folds at the same time are skipped by the delete, so each row is counted once.
     */
    static final String FOLD_PROGRESS = """
            with folded as (delete from quality_progress_count where project_id = ?
                            returning decision, started, annotators_per_item, items, labels)
            insert into quality_progress_count (project_id, decision, started, annotators_per_item, items, labels)
            select cast(? as uuid), decision, started, annotators_per_item, sum(items), sum(labels) from folded
            group by 1, 2, 3, 4 having sum(items) <> 0 or sum(labels) <> 0""";

    /**
     * Progress rows of a project beyond which a read folds them: the triggers on quality_item append a row per
     * changed group and transaction, so without folding a read would grow with the project's history.
     */
    static final int FOLD_ABOVE = 64;

    /**
     * Regular items of the project by state; items waiting for their first k labels count as IN_PROGRESS. Items
     * not decided yet are also grouped by their own k, since each group still needs its own number of labels.
     * Read from the counts the triggers of quality_item keep (V8), not from the items, so the cost does not
     * grow with the project.
     */
    public ItemProgress progress(UUID projectId) {
        try (Connection connection = dataSource.getConnection()) {
            Map<ItemDecision, Long> decided = new EnumMap<>(ItemDecision.class);
            long unlabeled = 0;
            long inProgress = 0;
            long rows = 0;
            // keyed by the items' own k; the null key gathers the items that take the project's
            Map<Integer, OpenItems> open = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(PROGRESS)) {
                select.setObject(1, projectId);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        rows += result.getLong(6);
                        long count = result.getLong(4);
                        if (count == 0) {
                            continue;
                        }
                        String decision = result.getString(1);
                        if (decision != null) {
                            decided.merge(ItemDecision.valueOf(decision), count, Long::sum);
                            continue;
                        }
                        if (result.getBoolean(2)) {
                            inProgress += count;
                        } else {
                            unlabeled += count;
                        }
                        Integer ownK = result.getObject(3, Integer.class);
                        open.merge(ownK, new OpenItems(ownK, count, result.getLong(5)), OpenItems::plus);
                    }
                }
            }
            if (rows > FOLD_ABOVE) {
                fold(connection, projectId);
            }
            for (ItemDecision decision : ItemDecision.values()) {
                decided.putIfAbsent(decision, 0L);
            }
            return new ItemProgress(unlabeled, inProgress, List.copyOf(open.values()), decided);
        } catch (SQLException e) {
            throw Jdbc.failure("counting items of project " + projectId, e);
        }
    }

    /**
     * Folds the project's progress rows, unless another reader is folding them right now: then they will be
     * folded by that one, and this read does not wait for it.
     */
    private static void fold(Connection connection, UUID projectId) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "select pg_try_advisory_xact_lock(hashtext('quality_progress_count'), hashtext(cast(? as text)))")) {
            lock.setObject(1, projectId);
            try (ResultSet result = lock.executeQuery()) {
                result.next();
                if (!result.getBoolean(1)) {
                    return;
                }
            }
        }
        try (PreparedStatement fold = connection.prepareStatement(FOLD_PROGRESS)) {
            fold.setObject(1, projectId);
            fold.setObject(2, projectId);
            fold.executeUpdate();
        }
    }

    /**
     * Items by state.
     *
     * @param open the items not decided yet (UNLABELED and IN_PROGRESS), by their own k
     */
    public record ItemProgress(long unlabeled, long inProgress, List<OpenItems> open,
                               Map<ItemDecision, Long> decided) {

        public long total() {
            return unlabeled + inProgress + decided.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Undecided items sharing one own k, and the labels they already have.
     *
     * @param annotatorsPerItem their own k, or null for the items that take the project's
     */
    public record OpenItems(Integer annotatorsPerItem, long items, long labels) {

        OpenItems plus(OpenItems other) {
            return new OpenItems(annotatorsPerItem, items + other.items, labels + other.labels);
        }
    }

    static ItemRow row(ResultSet result) throws SQLException {
        String decision = result.getString("decision");
        return new ItemRow(
                result.getObject("item_id", UUID.class),
                result.getObject("project_id", UUID.class),
                result.getBoolean("gold"),
                result.getObject("annotators_per_item", Integer.class),
                Columns.json(result, "reference_answer"),
                decision == null ? null : ItemDecision.valueOf(decision),
                Columns.json(result, "consensus_label"),
                Columns.nullableDouble(result, "confidence"),
                Columns.nullableDouble(result, "agreement"),
                result.getString("method"),
                result.getInt("label_count"),
                Columns.instant(result, "assessed_at"));
    }
}
