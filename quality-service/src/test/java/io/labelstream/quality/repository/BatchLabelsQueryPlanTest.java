package io.labelstream.quality.repository;

import io.agroal.api.AgroalDataSource;
import io.labelstream.devstack.QueryPlans;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.labelstream.devstack.QueryPlans.md5Uuid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A poll batch reads the labels of its items in one statement: it reads those labels, whatever the tables hold
 * besides. Run with EXPLAIN ANALYZE
 * ({@link QueryPlans}), planned for its values and as a generic plan, over a copy of quality's label table holding
 * 100 projects' 300,000 labels, then analysed.
 */
@QuarkusTest
class BatchLabelsQueryPlanTest {

    private static final int PROJECTS = 100;
    private static final int ITEMS_PER_PROJECT = 1_000;
    private static final int LABELS_PER_ITEM = 3;
    private static final int ANNOTATORS_PER_PROJECT = 50;
    /** A full batch: as many items as annotations, the items labelled before. */
    private static final int BATCH = 700;
    /** Each label of the batch's items. */
    private static final long THE_BATCHS_LABELS = (long) BATCH * LABELS_PER_ITEM + 100;

    private final AgroalDataSource dataSource;

    BatchLabelsQueryPlanTest(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @BeforeEach
    void fill() throws SQLException {
        QueryPlans.fillOnce(dataSource, getClass(), List.of("quality_label"),
                PlanCheckLabels.insert(PROJECTS, ITEMS_PER_PROJECT, ANNOTATORS_PER_PROJECT, LABELS_PER_ITEM));
    }

    @Test
    void aBatchReadsTheLabelsOfItsItems() throws Exception {
        List<UUID> items = IntStream.range(0, BATCH).mapToObj(n -> md5Uuid("item7-" + n)).toList();

        QueryPlans.Runs runs = QueryPlans.run(dataSource, WorkingSetTables.BATCH_LABELS, QueryPlans.array(items));

        assertThat(runs.beyond(THE_BATCHS_LABELS)).isEmpty();
    }
}
