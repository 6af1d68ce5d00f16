package io.labelstream.quality.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.labelstream.platform.jdbc.Binds;
import io.labelstream.platform.jdbc.Jdbc;
import io.labelstream.platform.outbox.ArrayLiteral;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads a project's quality state into a {@link WorkingSet} and writes back the rows it changed: one statement per
 * table to read, one batch per table to write, in the caller's transaction.
 */
@ApplicationScoped
public class WorkingSetTables {

    private final AgroalDataSource dataSource;

    public WorkingSetTables(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    WorkingSet load(UUID projectId) {
        WorkingSet set = new WorkingSet(projectId);
        try (Connection connection = dataSource.getConnection()) {
            read(connection, "select " + QualityItemRepository.COLUMNS + " from quality_item where project_id = ?",
                    projectId, r -> set.loadItem(QualityItemRepository.row(r)));
            read(connection, "select " + QualityAnnotatorRepository.COLUMNS
                    + " from quality_annotator where project_id = ?", projectId,
                    r -> set.loadAnnotator(QualityAnnotatorRepository.row(r)));
            read(connection, "select " + QualityLabelRepository.COLUMNS + ", l.guideline_version"
                    + QualityLabelRepository.FROM + " where l.project_id = ?", projectId,
                    r -> set.loadLabel(QualityLabelRepository.row(r), (Integer) r.getObject("guideline_version")));
            read(connection, "select annotator_id, category, label_count from quality_annotator_category"
                    + " where project_id = ?", projectId, r -> set.loadCategory(r.getString(1), r.getString(2), r.getInt(3)));
            read(connection, "select annotator_id, truth, given, mass from quality_annotator_confusion"
                    + " where project_id = ?", projectId,
                    r -> set.loadConfusion(r.getString(1), r.getString(2), r.getString(3), r.getDouble(4)));
        } catch (SQLException e) {
            throw Jdbc.failure("reading the quality state of project " + projectId, e);
        }
        return set;
    }

    /**
     * Has every later statement of the caller's transaction planned for its own values rather than run with a plan
     * its connection cached. A flood outruns the tables' statistics: a plan cached while a table was small (a scan
     * that tests every row against a whole array) costs the table's rows times the batch's ids once the table has
     * grown, until autovacuum's next analysis. Planned for its values, an array is known to the planner and hashed.
     * A batch runs each statement once, so planning anew costs it next to nothing.
     */
    void planForValues() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement set = connection.prepareStatement("set local plan_cache_mode = force_custom_plan")) {
            set.execute();
        } catch (SQLException e) {
            throw Jdbc.failure("choosing plans for the batch's values", e);
        }
    }

    /**
     * The labels of a batch's items. Led by the array, each id one index probe: the lateral subquery, fenced by
     * {@code offset 0} so that the planner cannot flatten it into a join, leaves it no other plan. A flood's batch
     * holds hundreds of items with no labels yet, in a project of a few thousand, so the statistics promise it a
     * large share of the table, and a hash join over the whole table looks cheaper than the probes; its cost then
     * grows with the table. Tested against every row instead ({@code = any(?)}), a scan costs the table's rows
     * times the batch's ids. The annotators' statuses are not joined in: the set reads the annotators' rows itself
     * and lays their status over.
     * <p>
     * A label of the batch's annotations stored on another item is not looked for here, which would cost a probe
     * per annotation, nearly all of them new: the label upsert refuses to move it ({@link #upsertLabels}).
     */
    static final String BATCH_LABELS = "select " + QualityLabelRepository.LABEL_COLUMNS
            + ", null::text as status, l.guideline_version"
            + " from unnest(?::uuid[]) as w (item_id)"
            + " cross join lateral (select * from quality_label q where q.item_id = w.item_id offset 0) l";

    /** Reads into partial sets, one per project, every label of their items, in one statement. */
    void loadLabels(Map<UUID, WorkingSet> setOfProject, Collection<UUID> itemIds) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(BATCH_LABELS)) {
            Binds.bind(select, ArrayLiteral.of(List.copyOf(itemIds)));
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    LabelRow row = QualityLabelRepository.row(result);
                    WorkingSet set = setOfProject.get(row.projectId());
                    if (set == null || !set.holdsItem(row.itemId())) {
                        throw new IllegalStateException("annotation " + row.annotationId() + " is stored on item "
                                + row.itemId() + ", which the batch does not hold");
                    }
                    set.loadLabel(row, (Integer) result.getObject("guideline_version"));
                }
            }
        } catch (SQLException e) {
            throw Jdbc.failure("reading the labels of " + itemIds.size() + " items", e);
        }
    }

    /** Reads the category and confusion counts of the annotators into a partial set: one statement each. */
    void loadCounts(WorkingSet set, Collection<String> annotatorIds) {
        String annotators = ArrayLiteral.of(List.copyOf(annotatorIds));
        try (Connection connection = dataSource.getConnection()) {
            read(connection, "select annotator_id, category, label_count from quality_annotator_category"
                    + " where project_id = ? and annotator_id = any(?::text[])", set.projectId, annotators,
                    r -> set.loadCategory(r.getString(1), r.getString(2), r.getInt(3)));
            read(connection, "select annotator_id, truth, given, mass from quality_annotator_confusion"
                    + " where project_id = ? and annotator_id = any(?::text[])", set.projectId, annotators,
                    r -> set.loadConfusion(r.getString(1), r.getString(2), r.getString(3), r.getDouble(4)));
        } catch (SQLException e) {
            throw Jdbc.failure("reading the counts of " + annotatorIds.size() + " annotators", e);
        }
    }

    /**
     * Writes the rows the set changed since it was read and that differ from the tables' (a rebuild that reaches
     * the state the tables hold writes next to nothing), deletes the labels a whole set no longer holds (a partial
     * set deletes nothing: it never read the rest), remembers what was published, and forgets that they changed.
     */
    void write(WorkingSet set) {
        try (Connection connection = dataSource.getConnection()) {
            writeItems(connection, set);
            writeLabels(connection, set);
            writeAnnotators(connection, set);
            writeCounts(connection, set);
        } catch (SQLException e) {
            throw Jdbc.failure("writing the quality state of project " + set.projectId, e);
        }
    }

    /**
     * The items the set changed, and what each item was last published as. An item published by the steps is
     * written with its published columns in the same statement as its row: written apart, every published item
     * would be updated twice, and the second update would run quality_item's progress trigger over all of them
     * again for nothing. A published item whose row the steps left as stored gets only its published columns.
     */
    private static void writeItems(Connection connection, WorkingSet set) throws SQLException {
        List<ItemRow> rows = set.changedItems.stream().map(set.items::get)
                .filter(row -> !row.equals(set.storedItems.get(row.itemId()))).toList();
        List<ItemRow> unpublished = rows.stream().filter(row -> !set.published.containsKey(row.itemId())).toList();
        List<ItemRow> published = rows.stream().filter(row -> set.published.containsKey(row.itemId())).toList();
        upsertItems(connection, unpublished, null);
        upsertItems(connection, published, set.published);
        Set<UUID> written = published.stream().map(ItemRow::itemId).collect(Collectors.toSet());
        writePublished(connection, set.published.values().stream().filter(row -> !written.contains(row.itemId()))
                .toList());
        rows.forEach(row -> set.storedItems.put(row.itemId(), row));
        set.changedItems.clear();
        set.published.clear();
    }

    private static final String UPSERT_ITEMS = itemUpsert(false);
    private static final String UPSERT_PUBLISHED_ITEMS = itemUpsert(true);

    /** The item upsert, with or without the published columns, each written once when the class loads. */
    private static String itemUpsert(boolean withPublished) {
        String columns = withPublished ? ", published_decision, published_label" : "";
        String values = withPublished ? ", pd, cast(pl as jsonb)" : "";
        String arrays = withPublished ? ", ?::text[], ?::text[]" : "";
        String names = withPublished ? ", pd, pl" : "";
        String updates = withPublished ? ", published_decision = excluded.published_decision,"
                + " published_label = excluded.published_label" : "";
        return """
                insert into quality_item (item_id, project_id, gold, annotators_per_item, reference_answer, decision,
                    consensus_label, confidence, agreement, method, label_count, assessed_at%s)
                select i, p, g, k, cast(r as jsonb), d, cast(c as jsonb), f, a, m, n, t%s
                from unnest(?::uuid[], ?::uuid[], ?::boolean[], ?::integer[], ?::text[], ?::text[], ?::text[],
                    ?::float8[], ?::float8[], ?::text[], ?::integer[], ?::timestamptz[]%s)
                    as u(i, p, g, k, r, d, c, f, a, m, n, t%s)
                on conflict (item_id) do update set gold = excluded.gold,
                    annotators_per_item = excluded.annotators_per_item, reference_answer = excluded.reference_answer,
                    decision = excluded.decision, consensus_label = excluded.consensus_label,
                    confidence = excluded.confidence, agreement = excluded.agreement, method = excluded.method,
                    label_count = excluded.label_count, assessed_at = excluded.assessed_at, updated_at = now()%s"""
                .formatted(columns, values, arrays, names, updates);
    }

    /**
     * One statement: quality_item's statement triggers then count the project's progress once, not per row. With
     * {@code published} (item id to the row as it was published), the rows' published columns too.
     */
    private static void upsertItems(Connection connection, List<ItemRow> rows, Map<UUID, ItemRow> published)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement(
                published == null ? UPSERT_ITEMS : UPSERT_PUBLISHED_ITEMS)) {
            List<Object> columns = new ArrayList<>(List.of(
                    column(rows, ItemRow::itemId),
                    column(rows, ItemRow::projectId),
                    column(rows, ItemRow::gold),
                    column(rows, ItemRow::annotatorsPerItem),
                    column(rows, row -> jsonText(row.referenceAnswer())),
                    column(rows, row -> decisionName(row)),
                    column(rows, row -> jsonText(row.consensusLabel())),
                    column(rows, ItemRow::confidence),
                    column(rows, ItemRow::agreement),
                    column(rows, ItemRow::method),
                    column(rows, ItemRow::labelCount),
                    column(rows, ItemRow::assessedAt)));
            if (published != null) {
                columns.add(column(rows, row -> decisionName(published.get(row.itemId()))));
                columns.add(column(rows, row -> jsonText(published.get(row.itemId()).consensusLabel())));
            }
            Binds.bind(upsert, columns.toArray());
            upsert.executeUpdate();
        }
    }

    /** What labeling.item-quality was told about each of these items, as the steps published them. */
    private static void writePublished(Connection connection, List<ItemRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("""
                update quality_item q set published_decision = u.d, published_label = cast(u.c as jsonb)
                from unnest(?::uuid[], ?::text[], ?::text[]) as u(i, d, c) where q.item_id = u.i""")) {
            Binds.bind(update,
                    column(rows, ItemRow::itemId),
                    column(rows, row -> decisionName(row)),
                    column(rows, row -> jsonText(row.consensusLabel())));
            update.executeUpdate();
        }
    }

    private static String decisionName(ItemRow row) {
        return row.decision() == null ? null : row.decision().name();
    }

    private static void writeLabels(Connection connection, WorkingSet set) throws SQLException {
        List<UUID> gone = set.partial ? List.of()
                : set.storedLabels.keySet().stream().filter(id -> !set.labels.containsKey(id)).toList();
        if (!gone.isEmpty()) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "delete from quality_label where annotation_id = any(?::uuid[])")) {
                Binds.bind(delete, ArrayLiteral.of(gone));
                delete.executeUpdate();
            }
            gone.forEach(set.storedLabels::remove);
        }
        List<WorkingSet.StoredLabel> stored = set.changedLabels.stream().map(set.labels::get)
                .filter(label -> !label.equals(set.storedLabels.get(label.row().annotationId()))).toList();
        Map<Boolean, List<WorkingSet.StoredLabel>> byChange = stored.stream().collect(Collectors.partitioningBy(
                label -> onlyRescored(label, set.storedLabels.get(label.row().annotationId()))));
        upsertLabels(connection, byChange.get(false));
        rescoreLabels(connection, byChange.get(true).stream().map(WorkingSet.StoredLabel::row).toList());
        stored.forEach(label -> set.storedLabels.put(label.row().annotationId(), label));
        set.changedLabels.clear();
    }

    /**
     * Whether a label differs from its stored row only in what an assessment of its item rewrites: its scores and
     * its credit. Over a third of the labels a flood's batches write are such: the earlier labels of an item that a
     * later one re-assessed.
     */
    private static boolean onlyRescored(WorkingSet.StoredLabel label, WorkingSet.StoredLabel before) {
        if (before == null || !Objects.equals(label.guidelineVersion(), before.guidelineVersion())) {
            return false;
        }
        LabelRow now = label.row();
        LabelRow then = before.row();
        return now.revision() == then.revision() && now.itemId().equals(then.itemId())
                && now.projectId().equals(then.projectId()) && now.annotatorId().equals(then.annotatorId())
                && Objects.equals(now.label(), then.label()) && Objects.equals(now.category(), then.category())
                && now.serverDurationMs() == then.serverDurationMs()
                && Objects.equals(now.clientDurationMs(), then.clientDurationMs())
                && now.submittedAt().equals(then.submittedAt()) && now.tooFast() == then.tooFast();
    }

    /**
     * Sets only the scores and credit of stored labels: five short columns to build and parse per row, where the
     * upsert takes sixteen, the label's JSON among them.
     */
    private static void rescoreLabels(Connection connection, List<LabelRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("""
                update quality_label l set gold_score = u.g, consensus_score = u.o, peer_score = u.e,
                    credited = cast(u.x as jsonb)
                from unnest(?::uuid[], ?::float8[], ?::float8[], ?::float8[], ?::text[]) as u(a, g, o, e, x)
                where l.annotation_id = u.a""")) {
            List<Object> columns = new ArrayList<>();
            columns.add(column(rows, LabelRow::annotationId));
            columns.addAll(scoreColumns(rows));
            Binds.bind(update, columns.toArray());
            int written = update.executeUpdate();
            if (written != rows.size()) {
                // read at the batch's start under its items' locks: gone since, they would be scored for nothing
                throw new IllegalStateException((rows.size() - written) + " of the batch's stored labels are gone");
            }
        }
    }

    /** What an assessment writes of a label, as four columns: its gold, consensus and peer scores, and its credit. */
    private static List<String> scoreColumns(List<LabelRow> rows) {
        return List.of(
                column(rows, LabelRow::goldScore),
                column(rows, LabelRow::consensusScore),
                column(rows, LabelRow::peerScore),
                column(rows, row -> CreditedColumn.write(row.credited())));
    }

    /**
     * Inserts new labels and rewrites revised ones. A label stored on another item than the row names (an annotation
     * that names another item in a later revision) is left where it is and the write refused: a batch read only
     * its items' labels, so its step took the label for a new one.
     */
    private static void upsertLabels(Connection connection, List<WorkingSet.StoredLabel> stored) throws SQLException {
        List<LabelRow> rows = stored.stream().map(WorkingSet.StoredLabel::row).toList();
        if (!rows.isEmpty()) {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    insert into quality_label (annotation_id, item_id, project_id, annotator_id, label, category,
                        revision, server_duration_ms, client_duration_ms, submitted_at, too_fast, gold_score,
                        consensus_score, peer_score, credited, guideline_version)
                    select a, i, p, n, cast(l as jsonb), c, r, s, d, t, f, g, o, e, cast(x as jsonb), v
                    from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::integer[],
                        ?::bigint[], ?::bigint[], ?::timestamptz[], ?::boolean[], ?::float8[], ?::float8[],
                        ?::float8[], ?::text[], ?::integer[]) as u(a, i, p, n, l, c, r, s, d, t, f, g, o, e, x, v)
                    on conflict (annotation_id) do update set item_id = excluded.item_id,
                        project_id = excluded.project_id, annotator_id = excluded.annotator_id, label = excluded.label,
                        category = excluded.category, revision = excluded.revision,
                        server_duration_ms = excluded.server_duration_ms,
                        client_duration_ms = excluded.client_duration_ms, submitted_at = excluded.submitted_at,
                        too_fast = excluded.too_fast, gold_score = excluded.gold_score,
                        consensus_score = excluded.consensus_score, peer_score = excluded.peer_score,
                        credited = excluded.credited, guideline_version = excluded.guideline_version
                    where quality_label.item_id = excluded.item_id""")) {
                List<Object> columns = new ArrayList<>(List.of(
                        column(rows, LabelRow::annotationId),
                        column(rows, LabelRow::itemId),
                        column(rows, LabelRow::projectId),
                        column(rows, LabelRow::annotatorId),
                        column(rows, row -> jsonText(row.label())),
                        column(rows, LabelRow::category),
                        column(rows, LabelRow::revision),
                        column(rows, LabelRow::serverDurationMs),
                        column(rows, LabelRow::clientDurationMs),
                        column(rows, LabelRow::submittedAt),
                        column(rows, LabelRow::tooFast)));
                columns.addAll(scoreColumns(rows));
                columns.add(column(stored, WorkingSet.StoredLabel::guidelineVersion));
                Binds.bind(upsert, columns.toArray());
                int written = upsert.executeUpdate();
                if (written < rows.size()) {
                    // its step took it for a new label and counted it as one: the whole batch goes back
                    throw new IllegalStateException((rows.size() - written) + " of the batch's annotations are"
                            + " stored on another item than the one they name");
                }
            }
        }
    }

    /**
     * One column of many rows as an array literal, cast by the statement: times in ISO 8601 to the microsecond
     * they were rounded to, doubles as Java prints them, which PostgreSQL reads back as the same double.
     */
    static <R> String column(List<R> rows, Function<R, ?> value) {
        return ArrayLiteral.of(rows.stream().map(value).toList());
    }

    private static String jsonText(JsonNode json) {
        return json == null || json.isNull() ? null : json.toString();
    }

    private static void writeAnnotators(Connection connection, WorkingSet set) throws SQLException {
        if (set.annotatorsReplaced) {
            // the set's annotators and counts are all there are: those it cleared go
            for (String table : List.of("quality_annotator", "quality_annotator_category", "quality_annotator_confusion")) {
                try (PreparedStatement delete = connection.prepareStatement("delete from " + table + " where project_id = ?")) {
                    delete.setObject(1, set.projectId);
                    delete.executeUpdate();
                }
            }
            set.annotatorsReplaced = false;
        }
        List<AnnotatorRow> rows = set.changedAnnotators.stream().map(set.annotators::get).toList();
        if (!rows.isEmpty()) {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    insert into quality_annotator (project_id, annotator_id, status, label_count, too_fast_count,
                        gold_answered, gold_score_sum, consensus_compared, consensus_score_sum, peer_compared,
                        peer_score_sum, duration_histogram, flags, assessed_at)
                    select ?, a, s, n, f, g, gs, c, cs, p, ps, cast(h as bigint[]), cast(l as text[]), t
                    from unnest(?::text[], ?::text[], ?::integer[], ?::integer[], ?::integer[], ?::float8[],
                        ?::integer[], ?::float8[], ?::integer[], ?::float8[], ?::text[], ?::text[],
                        ?::timestamptz[]) as u(a, s, n, f, g, gs, c, cs, p, ps, h, l, t)
                    on conflict (project_id, annotator_id) do update set status = excluded.status,
                        label_count = excluded.label_count, too_fast_count = excluded.too_fast_count,
                        gold_answered = excluded.gold_answered, gold_score_sum = excluded.gold_score_sum,
                        consensus_compared = excluded.consensus_compared,
                        consensus_score_sum = excluded.consensus_score_sum, peer_compared = excluded.peer_compared,
                        peer_score_sum = excluded.peer_score_sum, duration_histogram = excluded.duration_histogram,
                        flags = excluded.flags, assessed_at = excluded.assessed_at""")) {
                Binds.bind(upsert,
                        set.projectId,
                        column(rows, AnnotatorRow::annotatorId),
                        column(rows, row -> row.status().name()),
                        column(rows, AnnotatorRow::labelCount),
                        column(rows, AnnotatorRow::tooFastCount),
                        column(rows, AnnotatorRow::goldAnswered),
                        column(rows, AnnotatorRow::goldScoreSum),
                        column(rows, AnnotatorRow::consensusCompared),
                        column(rows, AnnotatorRow::consensusScoreSum),
                        column(rows, AnnotatorRow::peerCompared),
                        column(rows, AnnotatorRow::peerScoreSum),
                        // each row's array as a literal of its own, cast by the statement
                        column(rows, row -> ArrayLiteral.of(Arrays.stream(row.durationHistogram()).boxed().toList())),
                        column(rows, row -> ArrayLiteral.of(row.flags())),
                        column(rows, AnnotatorRow::assessedAt));
                upsert.executeUpdate();
            }
        }
        set.changedAnnotators.clear();
    }

    /** One category count or confusion cell of an annotator, for the statements that write many. */
    private record Count(String annotatorId, String key, String given, Number value) {
    }

    private static void writeCounts(Connection connection, WorkingSet set) throws SQLException {
        List<Count> categories = new ArrayList<>();
        for (String annotatorId : set.changedCategories) {
            set.categories.get(annotatorId).forEach((category, count) ->
                    categories.add(new Count(annotatorId, category, null, count)));
        }
        if (!categories.isEmpty()) {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    insert into quality_annotator_category (project_id, annotator_id, category, label_count)
                    select ?, a, c, n from unnest(?::text[], ?::text[], ?::integer[]) as u(a, c, n)
                    on conflict (project_id, annotator_id, category) do update set label_count = excluded.label_count""")) {
                Binds.bind(upsert, set.projectId, column(categories, Count::annotatorId), column(categories, Count::key),
                        column(categories, Count::value));
                upsert.executeUpdate();
            }
        }
        set.changedCategories.clear();
        if (set.confusionReplaced) {
            // a fit rebuilt every count: cells it left out are gone
            try (PreparedStatement delete = connection.prepareStatement(
                    "delete from quality_annotator_confusion where project_id = ?")) {
                delete.setObject(1, set.projectId);
                delete.executeUpdate();
            }
            set.changedConfusion.addAll(set.confusion.keySet());
            set.confusionReplaced = false;
        }
        List<Count> cells = new ArrayList<>();
        for (String annotatorId : set.changedConfusion) {
            set.confusion.get(annotatorId).forEach((truth, row) -> row.forEach((given, mass) ->
                    cells.add(new Count(annotatorId, truth, given, mass))));
        }
        if (!cells.isEmpty()) {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    insert into quality_annotator_confusion (project_id, annotator_id, truth, given, mass)
                    select ?, a, t, g, m from unnest(?::text[], ?::text[], ?::text[], ?::float8[]) as u(a, t, g, m)
                    on conflict (project_id, annotator_id, truth, given) do update set mass = excluded.mass""")) {
                Binds.bind(upsert, set.projectId, column(cells, Count::annotatorId), column(cells, Count::key),
                        column(cells, Count::given), column(cells, Count::value));
                upsert.executeUpdate();
            }
        }
        set.changedConfusion.clear();
    }

    private interface RowReader {
        void accept(ResultSet row) throws SQLException;
    }

    private static void read(Connection connection, String sql, UUID projectId, RowReader reader) throws SQLException {
        read(connection, sql, projectId, null, reader);
    }

    /** @param annotators an array literal of annotator ids, the statement's second parameter; null if it has none */
    private static void read(Connection connection, String sql, UUID projectId, String annotators, RowReader reader)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, projectId);
            if (annotators != null) {
                select.setString(2, annotators);
            }
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    reader.accept(result);
                }
            }
        }
    }
}
