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
import java.util.stream.Stream;

import static io.labelstream.devstack.QueryPlans.SCHEMA;
import static io.labelstream.devstack.QueryPlans.md5Uuid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flood's poll batch mostly brings items that have no labels yet, and a great many of them, while the table
 * holds a project of a few thousand items only: the statistics then promise the batch a sixth of the table,
 * and a hash join over the whole table, built for every batch, looks cheaper than looking each id up.
 * The read must still look up the batch's own ids and read nothing else. Run with EXPLAIN ANALYZE
 * ({@link QueryPlans}) over a copy of quality's label table holding one project's 25,000 labels, analysed.
 */
@QuarkusTest
class BatchOfNewItemsQueryPlanTest {

    private static final int ITEMS = 5_000;
    private static final int LABELS_PER_ITEM = 5;
    /** Items of the batch that were labelled before; the rest are new. */
    private static final int KNOWN = 100;
    private static final int BATCH = 900;
    /**
     * The batch's labels, and one row per id looked up: EXPLAIN gives a loop's rows as a rounded mean, so a probe
     * that finds nothing, in a batch where most find nothing, counts as one.
     */
    private static final long THE_BATCHS_LABELS = (long) KNOWN * LABELS_PER_ITEM + BATCH;

    private final AgroalDataSource dataSource;

    BatchOfNewItemsQueryPlanTest(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @BeforeEach
    void fill() throws SQLException {
        QueryPlans.fillOnce(dataSource, getClass(), List.of("quality_label"),
                """
                insert into %1$s.quality_label (annotation_id, item_id, project_id, annotator_id, label, category,
                                               revision, server_duration_ms, submitted_at, credited)
                select md5('annotation' || n || '-' || k)::uuid, md5('item' || n)::uuid, md5('project')::uuid,
                       'annotator-' || ((n + k * 7) %% 60), '{"choice": "a"}', 'a', 1, 9000, now(),
                       '{"a": 0.9, "b": 0.1}'
                from generate_series(0, %2$d - 1) n, generate_series(0, %3$d - 1) k""".formatted(SCHEMA, ITEMS,
                        LABELS_PER_ITEM));
    }

    @Test
    void aBatchOfMostlyNewItemsLooksUpItsOwnIdsOnly() throws Exception {
        List<UUID> items = Stream.concat(
                IntStream.range(0, KNOWN).mapToObj(n -> md5Uuid("item" + n)),
                IntStream.range(0, BATCH - KNOWN).mapToObj(n -> UUID.randomUUID())).toList();

        QueryPlans.Runs runs = QueryPlans.run(dataSource, WorkingSetTables.BATCH_LABELS, QueryPlans.array(items));

        assertThat(runs.beyond(THE_BATCHS_LABELS)).isEmpty();
    }
}
