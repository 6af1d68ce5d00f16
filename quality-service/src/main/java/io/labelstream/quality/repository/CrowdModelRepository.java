package io.labelstream.quality.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.agroal.api.AgroalDataSource;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.events.AnnotatorStatus;
import io.labelstream.platform.jdbc.Jdbc;
import io.labelstream.quality.domain.inference.CrowdPrior;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A project's fitted crowd model and what a fit reads and rewrites: the answers on assessed items, the labels'
 * credits, and the annotators' confusion counts. Callers hold a transaction.
 */
@ApplicationScoped
public class CrowdModelRepository {

    /** Rows per round trip when a fit streams a project's answers. */
    private static final int FETCH = 10_000;

    private final AgroalDataSource dataSource;
    private final RebuildMemory memory;

    public CrowdModelRepository(AgroalDataSource dataSource, RebuildMemory memory) {
        this.dataSource = dataSource;
        this.memory = memory;
    }

    /** The model and the number of the project's labels when it was fitted. */
    public record FittedModel(long fittedLabels, CrowdPrior crowd) {
    }

    /**
     * One answer a fit reads: a category on a regular item that has been assessed.
     *
     * @param counted   its annotator is not QUARANTINED
     * @param consensus its item's consensus label now, as JSON
     */
    public record FitAnswer(UUID itemId, String annotatorId, String category, boolean counted, String consensus) {
    }

    public Optional<FittedModel> find(UUID projectId) {
        WorkingSet working = memory.current();
        return working == null ? fromTable(projectId) : working.model(() -> fromTable(projectId));
    }

    private Optional<FittedModel> fromTable(UUID projectId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select fitted_labels, class_prior::text, "
                     + "crowd_rows::text, strengths::text from quality_model where project_id = ?")) {
            select.setObject(1, projectId);
            try (ResultSet result = select.executeQuery()) {
                if (!result.next()) {
                    return Optional.empty();
                }
                return Optional.of(new FittedModel(result.getLong(1), new CrowdPrior(
                        read(result.getString(2), new TypeReference<Map<String, Double>>() { }),
                        read(result.getString(3), new TypeReference<Map<String, Map<String, Double>>>() { }),
                        read(result.getString(4), new TypeReference<Map<String, Double>>() { }))));
            }
        } catch (SQLException e) {
            throw Jdbc.failure("reading the crowd model of project " + projectId, e);
        }
    }

    public void save(UUID projectId, FittedModel model) {
        WorkingSet working = memory.current();
        if (working != null) {
            working.modelChanged();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement("""
                     insert into quality_model (project_id, fitted_labels, class_prior, crowd_rows, strengths)
                     values (?, ?, cast(? as jsonb), cast(? as jsonb), cast(? as jsonb))
                     on conflict (project_id) do update set fitted_labels = excluded.fitted_labels,
                         class_prior = excluded.class_prior, crowd_rows = excluded.crowd_rows,
                         strengths = excluded.strengths""")) {
            upsert.setObject(1, projectId);
            upsert.setLong(2, model.fittedLabels());
            upsert.setString(3, write(new TreeMap<>(model.crowd().classPrior())));
            TreeMap<String, Map<String, Double>> rows = new TreeMap<>();
            model.crowd().crowdRows().forEach((truth, row) -> rows.put(truth, new TreeMap<>(row)));
            upsert.setString(4, write(rows));
            upsert.setString(5, write(new TreeMap<>(model.crowd().strengths())));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("saving the crowd model of project " + projectId, e);
        }
    }

    public void delete(UUID projectId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("delete from quality_model where project_id = ?")) {
            delete.setObject(1, projectId);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("clearing the crowd model of project " + projectId, e);
        }
    }

    public long countLabels(UUID projectId) {
        WorkingSet working = memory.current();
        if (working != null) {
            return working.labelCount();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select count(*) from quality_label where project_id = ?")) {
            select.setObject(1, projectId);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw Jdbc.failure("counting labels of project " + projectId, e);
        }
    }

    /*
     * A fit reads its project's annotators, its assessed regular items and its categorical labels, each with a
     * statement of its own that reads that project's rows only, and matches them up here. Joined in one statement,
     * the planner read the assessed items of every project into a hash, a cost that grows with the other projects'
     * data, and while the statistics did not know a new project yet (its first fits) it scanned the project's
     * annotators, or its items, once per label; looked up per label through lateral subqueries, each label cost two
     * index probes. The fit holds every item and annotator of the project in memory anyway.
     */
    static final String FIT_ANNOTATORS = "select annotator_id, status from quality_annotator where project_id = ?";
    static final String FIT_ITEMS = "select item_id, consensus_label::text from quality_item"
            + " where project_id = ? and not gold and decision is not null";
    static final String FIT_LABELS = "select item_id, annotator_id, category from quality_label"
            + " where project_id = ? and category is not null order by item_id, annotation_id";

    /**
     * The answers a fit reads, item by item and in annotation id order within an item, the order a fit reads them
     * in wherever it runs: the categorical labels of the project's decided regular items whose annotator has a
     * row. The labels are streamed, so a project of millions of labels is never held as rows.
     */
    public void forEachFitAnswer(UUID projectId, Consumer<FitAnswer> answers) {
        WorkingSet working = memory.current();
        if (working != null) {
            working.forEachFitAnswer(answers);
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement annotatorRows = connection.prepareStatement(FIT_ANNOTATORS);
             PreparedStatement itemRows = connection.prepareStatement(FIT_ITEMS);
             PreparedStatement labelRows = connection.prepareStatement(FIT_LABELS)) {
            Map<String, Boolean> counted = new HashMap<>();
            annotatorRows.setObject(1, projectId);
            try (ResultSet result = annotatorRows.executeQuery()) {
                while (result.next()) {
                    counted.put(result.getString(1), !AnnotatorStatus.QUARANTINED.name().equals(result.getString(2)));
                }
            }
            Map<UUID, String> consensus = new HashMap<>();
            // a project's items share a few consensus labels: one string each, however many items
            Map<String, String> labels = new HashMap<>();
            itemRows.setObject(1, projectId);
            itemRows.setFetchSize(FETCH);
            try (ResultSet result = itemRows.executeQuery()) {
                while (result.next()) {
                    String label = result.getString(2);
                    consensus.put(result.getObject(1, UUID.class), label == null ? null
                            : labels.computeIfAbsent(label, text -> text));
                }
            }
            labelRows.setObject(1, projectId);
            labelRows.setFetchSize(FETCH);
            try (ResultSet result = labelRows.executeQuery()) {
                while (result.next()) {
                    UUID itemId = result.getObject(1, UUID.class);
                    Boolean annotatorCounted = counted.get(result.getString(2));
                    if (annotatorCounted != null && consensus.containsKey(itemId)) {
                        answers.accept(new FitAnswer(itemId, result.getString(2), result.getString(3),
                                annotatorCounted, consensus.get(itemId)));
                    }
                }
            }
        } catch (SQLException e) {
            throw Jdbc.failure("reading the answers of project " + projectId, e);
        }
    }

    /**
     * Makes every categorical label of the given items credit its item's posterior (item -> true category ->
     * probability), in one statement.
     */
    public void creditItems(Map<UUID, Map<String, Double>> posteriors) {
        WorkingSet working = memory.current();
        if (working != null) {
            working.creditItems(posteriors);
            return;
        }
        if (posteriors.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("""
                     update quality_label l set credited = cast(c.credited as jsonb)
                     from unnest(?, ?) as c (item_id, credited)
                     where l.item_id = c.item_id and l.category is not null""")) {
            UUID[] items = posteriors.keySet().toArray(UUID[]::new);
            String[] credits = new String[items.length];
            for (int i = 0; i < items.length; i++) {
                credits[i] = CreditedColumn.write(posteriors.get(items[i]));
            }
            update.setArray(1, connection.createArrayOf("uuid", items));
            update.setArray(2, connection.createArrayOf("text", credits));
            update.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("crediting the labels of " + posteriors.size() + " items", e);
        }
    }

    /**
     * Rebuilds the project's confusion counts as the sums of what its labels credit. Each cell is summed in
     * annotation id order, so the sums are the same wherever and whenever they are taken.
     */
    public void rebuildConfusion(UUID projectId) {
        WorkingSet working = memory.current();
        if (working != null) {
            working.rebuildConfusion();
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "delete from quality_annotator_confusion where project_id = ?");
             PreparedStatement insert = connection.prepareStatement("""
                     insert into quality_annotator_confusion (project_id, annotator_id, truth, given, mass)
                     select l.project_id, l.annotator_id, c.truth, l.category,
                            sum(c.mass::double precision order by l.annotation_id)
                     from quality_label l cross join lateral jsonb_each_text(l.credited) as c (truth, mass)
                     where l.project_id = ? and l.category is not null
                     group by l.project_id, l.annotator_id, c.truth, l.category""")) {
            delete.setObject(1, projectId);
            delete.executeUpdate();
            insert.setObject(1, projectId);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("rebuilding the confusion counts of project " + projectId, e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return EventCodec.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not the JSON expected: " + json, e);
        }
    }

    private static String write(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value, e);
        }
    }
}
