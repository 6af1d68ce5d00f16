package io.labelstream.quality.repository;

import io.agroal.api.AgroalDataSource;
import io.labelstream.devstack.QueryPlans;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import static io.labelstream.devstack.QueryPlans.SCHEMA;
import static io.labelstream.devstack.QueryPlans.md5Uuid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project's progress, which managers and annotators poll while labelling, reads the project's own progress
 * rows, never its items nor other projects' rows. Run with EXPLAIN ANALYZE ({@link QueryPlans}), planned for its
 * values and as a generic plan, over a copy of the count table holding 200 projects' rows, each project with its
 * folded groups and as many unfolded rows as a read lets pile up before it folds them.
 */
@QuarkusTest
class ProgressQueryPlanTest {

    private static final int PROJECTS = 200;
    /** Folded groups of a project: the three decisions, unlabelled and in progress, at two values of own k. */
    private static final int GROUPS = 10;
    /** A read sums the project's groups and at most the rows that made it fold. */
    private static final long ONE_PROJECT = GROUPS + QualityItemRepository.FOLD_ABOVE + 10;

    private final AgroalDataSource dataSource;

    ProgressQueryPlanTest(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @BeforeEach
    void fill() throws SQLException {
        QueryPlans.fillOnce(dataSource, getClass(), List.of("quality_progress_count"),
                """
                insert into %1$s.quality_progress_count (project_id, decision, started, annotators_per_item, items,
                                                         labels)
                select md5('project' || p)::uuid,
                       (array['RESOLVED', 'NEEDS_MORE_LABELS', 'DISPUTED', null, null])[g %% 5 + 1],
                       g %% 5 <> 4, case when g >= 5 then 5 end, case when n = 0 then 1000 else 1 end,
                       case when n = 0 then 3000 else 1 end
                from generate_series(0, %2$d - 1) p, generate_series(0, %3$d - 1) g,
                     generate_series(0, %4$d / %3$d) n""".formatted(SCHEMA, PROJECTS, GROUPS,
                        QualityItemRepository.FOLD_ABOVE));
    }

    @Test
    void progressReadsTheProjectsOwnRows() throws Exception {
        assertReads(QualityItemRepository.PROGRESS, md5Uuid("project7"));
        assertReads(QualityItemRepository.PROGRESS, UUID.randomUUID());
    }

    @Test
    void foldingReadsTheProjectsOwnRows() throws Exception {
        assertReads(QualityItemRepository.FOLD_PROGRESS, md5Uuid("project7"), md5Uuid("project7"));
    }

    private void assertReads(String sql, Object... values) throws Exception {
        assertThat(QueryPlans.run(dataSource, sql, values).beyond(ONE_PROJECT)).as(sql).isEmpty();
    }
}
