package io.labelstream.quality.repository;

import io.agroal.api.AgroalDataSource;
import io.labelstream.devstack.QueryPlans;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import static io.labelstream.devstack.QueryPlans.SCHEMA;
import static io.labelstream.devstack.QueryPlans.md5Uuid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A crowd model fit reads its project's annotators, assessed items and labels: each of its statements reads that
 * project's rows, whatever the tables hold besides. Run with EXPLAIN ANALYZE ({@link QueryPlans}), planned for
 * their values and as generic plans, over copies of quality's item, label and annotator tables holding 100
 * projects of 1,000 assessed items, 3,000 labels and 50 annotators each, then analysed.
 */
@QuarkusTest
class FitAnswersQueryPlanTest {

    private static final int PROJECTS = 100;
    private static final int ITEMS_PER_PROJECT = 1_000;
    private static final int LABELS_PER_ITEM = 3;
    private static final int ANNOTATORS_PER_PROJECT = 50;
    /** Items of a project whose rows came after the statistics were taken. */
    private static final int FRESH_ITEMS = 300;

    private final AgroalDataSource dataSource;

    FitAnswersQueryPlanTest(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @BeforeEach
    void fill() throws SQLException {
        QueryPlans.fillOnce(dataSource, getClass(), List.of("quality_item", "quality_label", "quality_annotator"),
                """
                insert into %1$s.quality_item (item_id, project_id, decision, consensus_label, label_count)
                select md5('item' || p || '-' || n)::uuid, md5('project' || p)::uuid, 'RESOLVED',
                       '{"choice": "a"}', %5$d
                from generate_series(0, %2$d - 1) p, generate_series(0, %3$d - 1) n""".formatted(SCHEMA, PROJECTS,
                        ITEMS_PER_PROJECT, ANNOTATORS_PER_PROJECT, LABELS_PER_ITEM),
                PlanCheckLabels.insert(PROJECTS, ITEMS_PER_PROJECT, ANNOTATORS_PER_PROJECT, LABELS_PER_ITEM),
                """
                insert into %1$s.quality_annotator (project_id, annotator_id, status)
                select md5('project' || p)::uuid, 'annotator-' || a, 'ACTIVE'
                from generate_series(0, %2$d - 1) p, generate_series(0, %3$d - 1) a""".formatted(SCHEMA, PROJECTS,
                        ANNOTATORS_PER_PROJECT));
    }

    @Test
    void aFitReadsItsProjectsRowsOnly() throws Exception {
        assertReadsOneProject(md5Uuid("project7"), ITEMS_PER_PROJECT);
    }

    /** A project's first fits come before the statistics know it: the plan for its values must not fall apart. */
    @Test
    void aFitOfAProjectTheStatisticsDoNotKnowReadsItsRowsOnce() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("""
                    insert into %1$s.quality_item (item_id, project_id, decision, consensus_label, label_count)
                    select md5('fresh-item' || n)::uuid, md5('fresh')::uuid, 'RESOLVED', '{"choice": "a"}', %3$d
                    from generate_series(0, %2$d - 1) n on conflict do nothing""".formatted(SCHEMA, FRESH_ITEMS,
                    LABELS_PER_ITEM));
            statement.execute("""
                    insert into %1$s.quality_label (annotation_id, item_id, project_id, annotator_id, label, category,
                                                   revision, server_duration_ms, submitted_at)
                    select md5('fresh-annotation' || n || '-' || k)::uuid, md5('fresh-item' || n)::uuid,
                           md5('fresh')::uuid, 'annotator-' || ((n + k * 7) %% %3$d), '{"choice": "a"}', 'a', 1,
                           9000, now()
                    from generate_series(0, %2$d - 1) n, generate_series(0, %4$d - 1) k
                    on conflict do nothing""".formatted(SCHEMA, FRESH_ITEMS, ANNOTATORS_PER_PROJECT,
                    LABELS_PER_ITEM));
            statement.execute("""
                    insert into %1$s.quality_annotator (project_id, annotator_id, status)
                    select md5('fresh')::uuid, 'annotator-' || a, 'ACTIVE' from generate_series(0, %2$d - 1) a
                    on conflict do nothing""".formatted(SCHEMA, ANNOTATORS_PER_PROJECT));
        }

        assertReadsOneProject(md5Uuid("fresh"), FRESH_ITEMS);
    }

    /** Each statement reads the project's own rows of its table, with room for an index's pages. */
    private void assertReadsOneProject(UUID projectId, int items) throws SQLException {
        assertThat(QueryPlans.run(dataSource, CrowdModelRepository.FIT_ANNOTATORS, projectId)
                .beyond(ANNOTATORS_PER_PROJECT + 100)).isEmpty();
        assertThat(QueryPlans.run(dataSource, CrowdModelRepository.FIT_ITEMS, projectId).beyond(items + 100))
                .isEmpty();
        assertThat(QueryPlans.run(dataSource, CrowdModelRepository.FIT_LABELS, projectId)
                .beyond((long) items * LABELS_PER_ITEM + 100)).isEmpty();
    }
}
