package io.labelstream.quality;

import io.agroal.api.AgroalDataSource;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project's stored quality state as the database holds it: items, labels with their scores, annotators with
 * their aggregates, the confusion and category counts Dawid-Skene and the flags read, and the crowd model. Bookkeeping columns
 * (update times, what was last published) are left out.
 */
record QualityState(List<Map<String, Object>> items, List<Map<String, Object>> labels,
                    List<Map<String, Object>> annotators, List<Map<String, Object>> confusion,
                    List<Map<String, Object>> categories, List<Map<String, Object>> model) {

    static QualityState of(AgroalDataSource dataSource, UUID projectId) {
        return new QualityState(
                rows(dataSource, "select item_id, gold, annotators_per_item, reference_answer::text, decision, "
                        + "consensus_label::text, confidence, agreement, method, label_count, assessed_at "
                        + "from quality_item where project_id = ? order by item_id", projectId),
                rows(dataSource, "select annotation_id, item_id, annotator_id, label::text, category, revision, "
                        + "server_duration_ms, submitted_at, too_fast, gold_score, consensus_score, peer_score, "
                        + "credited::text from quality_label where project_id = ? order by annotation_id", projectId),
                rows(dataSource, "select annotator_id, status, label_count, too_fast_count, gold_answered, "
                        + "gold_score_sum, consensus_compared, consensus_score_sum, peer_compared, peer_score_sum, "
                        + "duration_histogram, flags, assessed_at from quality_annotator where project_id = ? "
                        + "order by annotator_id", projectId),
                rows(dataSource, "select annotator_id, truth, given, mass from quality_annotator_confusion "
                        + "where project_id = ? and abs(mass) > 1e-9 order by 1, 2, 3", projectId),
                rows(dataSource, "select annotator_id, category, label_count from quality_annotator_category "
                        + "where project_id = ? and label_count <> 0 order by 1, 2", projectId),
                rows(dataSource, "select fitted_labels, class_prior::text, crowd_rows::text, strengths::text "
                        + "from quality_model where project_id = ?", projectId));
    }

    /**
     * Whether a Dawid-Skene project has grown enough since its crowd model was fitted (the defaults: first at 256
     * labels, then at each growth by 1.5) that a fit is still to come: it runs after the label that made it due.
     */
    static boolean crowdModelDue(AgroalDataSource dataSource, UUID projectId) {
        long labels = (Long) rows(dataSource, "select count(*) as n from quality_label where project_id = ?", projectId)
                .get(0).get("n");
        List<Map<String, Object>> fitted = rows(dataSource,
                "select fitted_labels from quality_model where project_id = ?", projectId);
        long dueAt = fitted.isEmpty() ? 256 : (long) Math.ceil((Long) fitted.get(0).get("fitted_labels") * 1.5);
        return labels >= dueAt;
    }

    /** Each item's published consensus choice, by item id. */
    static Map<UUID, String> consensus(AgroalDataSource dataSource, UUID projectId) {
        Map<UUID, String> consensus = new HashMap<>();
        rows(dataSource, "select item_id, consensus_label ->> 'choice' as choice from quality_item where project_id = ?",
                projectId).forEach(row -> consensus.put((UUID) row.get("item_id"), (String) row.get("choice")));
        return consensus;
    }

    /** Whether the project's crowd model has been fitted over every label it holds (the fit once labels go quiet). */
    static boolean fittedOverAllLabels(AgroalDataSource dataSource, UUID projectId) {
        long labels = (Long) rows(dataSource, "select count(*) as n from quality_label where project_id = ?", projectId)
                .get(0).get("n");
        List<Map<String, Object>> fitted = rows(dataSource,
                "select fitted_labels from quality_model where project_id = ?", projectId);
        return !fitted.isEmpty() && (Long) fitted.get(0).get("fitted_labels") == labels;
    }

    /** Equal to the other state, doubles within 1e-9. */
    void assertEquals(QualityState expected) {
        assertSameRows("items", items, expected.items);
        assertSameRows("labels", labels, expected.labels);
        assertSameRows("annotators", annotators, expected.annotators);
        assertSameRows("confusion counts", confusion, expected.confusion);
        assertSameRows("category counts", categories, expected.categories);
        assertSameRows("crowd model", model, expected.model);
    }

    private static void assertSameRows(String what, List<Map<String, Object>> actual, List<Map<String, Object>> expected) {
        assertThat(actual).as(what).usingRecursiveComparison()
                .withEqualsForType((x, y) -> x == null || y == null ? x == y : Math.abs(x - y) < 1e-9, Double.class)
                .isEqualTo(expected);
    }

    /** The rows of a query with the project as its one parameter, each as column label to value, arrays as lists. */
    static List<Map<String, Object>> rows(AgroalDataSource dataSource, String sql, UUID projectId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, projectId);
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int column = 1; column <= meta.getColumnCount(); column++) {
                        Object value = result.getObject(column);
                        row.put(meta.getColumnLabel(column), value instanceof Array array
                                ? Arrays.asList((Object[]) array.getArray()) : value);
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the quality state of project " + projectId, e);
        }
    }
}
