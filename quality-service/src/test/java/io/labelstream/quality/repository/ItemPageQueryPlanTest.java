package io.labelstream.quality.repository;

import io.agroal.api.AgroalDataSource;
import io.labelstream.devstack.QueryPlans;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import static io.labelstream.devstack.QueryPlans.md5Uuid;
import static io.labelstream.devstack.QueryPlans.SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reviewer's or manager's page of a project's assessed items, with or without a decision, reads that page,
 * whatever the project and the others hold. Run with EXPLAIN ANALYZE ({@link QueryPlans}), planned for its
 * values and as a generic plan, over a copy of quality's item table holding 200 projects' 400,000 items, then
 * analysed.
 */
@QuarkusTest
class ItemPageQueryPlanTest {

    private static final int PROJECTS = 200;
    private static final int ITEMS_PER_PROJECT = 2_000;
    private static final int PAGE = 50;
    private static final long ONE_PAGE = PAGE + 10;

    private final AgroalDataSource dataSource;

    ItemPageQueryPlanTest(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * In each project one item in twenty is gold, one in ten waits for its labels, and the assessed ones are
     * mostly accepted, with one in eight sent to review.
     */
    @BeforeEach
    void fill() throws SQLException {
        QueryPlans.fillOnce(dataSource, getClass(), List.of("quality_item"),
                """
                insert into %1$s.quality_item (item_id, project_id, gold, decision, consensus_label, confidence,
                                              label_count, assessed_at)
                select md5('item' || p || '-' || n)::uuid, md5('project' || p)::uuid, n %% 20 = 0,
                       case when n %% 10 = 1 then null when n %% 8 = 2 then 'NEEDS_REVIEW' else 'ACCEPTED' end,
                       '{"choice": "positive"}', 0.9, 3, now()
                from generate_series(0, %2$d - 1) p, generate_series(0, %3$d - 1) n""".formatted(SCHEMA,
                        PROJECTS, ITEMS_PER_PROJECT));
    }

    @Test
    void aPageOfAssessedItemsReadsThatPage() throws Exception {
        UUID project = md5Uuid("project7");
        UUID middle = UUID.fromString("80000000-0000-0000-0000-000000000000");
        assertReads(QualityItemRepository.assessedPage(false, false), project, PAGE);
        assertReads(QualityItemRepository.assessedPage(false, true), project, middle, PAGE);
        assertReads(QualityItemRepository.assessedPage(true, false), project, "NEEDS_REVIEW", PAGE);
        assertReads(QualityItemRepository.assessedPage(true, true), project, "ACCEPTED", middle, PAGE);
    }

    private void assertReads(String sql, Object... values) throws Exception {
        assertThat(QueryPlans.run(dataSource, sql, values).beyond(ONE_PAGE)).as(sql).isEmpty();
    }
}
