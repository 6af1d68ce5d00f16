package io.labelstream.assignment.repository;

import io.agroal.api.AgroalDataSource;
import io.labelstream.assignment.domain.TaskPool;
import io.labelstream.devstack.QueryPlans;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.labelstream.devstack.QueryPlans.SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statements behind every request an annotator makes while labelling (a claim, their own leases, a
 * heartbeat, the submission that ends a lease) must cost what the annotator's own rows cost, whatever the
 * size of the pool. The planner chooses from statistics, so each statement is run with EXPLAIN ANALYZE
 * ({@link QueryPlans}) over a copy of the service's tables filled with many projects' items and leases and then
 * analysed: a plan that reads a whole table, or more rows than the request concerns, fails. Both the plan for
 * real values and the generic plan a prepared statement falls back to after a few executions are checked.
 */
@QuarkusTest
class AnnotatorQueryPlanTest {

    private static final int ITEMS = 200_000;
    private static final int PROJECTS = 200;
    private static final int ANNOTATORS = 24;
    private static final int PROJECTS_SERVED = 20_000;
    private static final int BUSY_ITEMS = 10_000;
    private static final int OPEN_AHEAD = 50;
    private static final Instant BUSY_START = Instant.parse("2026-01-01T00:00:00Z");
    /** A request reads its own few rows; other projects' hundreds of thousands must not show here. */
    private static final long MOST_ROWS_READ = 20;

    private final AgroalDataSource dataSource;

    AnnotatorQueryPlanTest(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The service's own tables copied with their indexes and generated columns, then filled: 200 projects'
     * items, mostly complete (k = 3, closed) and one in ten still open, answered by a crowd of 24, so that each
     * annotator holds tens of thousands of ended assignments; one lease in twenty live, as when statistics
     * are taken at a busy moment, which makes the planner expect many live leases per annotator.
     */
    @BeforeEach
    void fill() throws SQLException {
        QueryPlans.fillOnce(dataSource, getClass(),
                List.of("pool_item", "assignment", "reservation", "annotator_progress", "pool_reopening",
                        "inbox_event", "outbox_event"),
                """
                insert into %s.pool_item (item_id, project_id, kind, pilot, qualification, data, schema_version,
                                          ingested_at, rank_at, required, taken, completed, closed)
                select md5('item' || i)::uuid, md5('project' || (i %% %d))::uuid, 'REGULAR', false, false,
                       jsonb_build_object('text', 'item number ' || i), 1, now(), now() + i * interval '1 ms',
                       3, case when i %% 10 = 0 then 1 else 3 end, case when i %% 10 = 0 then 1 else 3 end,
                       i %% 10 <> 0
                from generate_series(1, %d) i""".formatted(SCHEMA, PROJECTS, ITEMS),
                """
                insert into %s.assignment (assignment_id, item_id, project_id, annotator_id, counted, status,
                                           schema_version, leased_at, expires_at, ended_at)
                select md5('assignment' || i || '-' || j)::uuid, md5('item' || i)::uuid,
                       md5('project' || (i %% %d))::uuid, 'annotator-' || ((i * 3 + j) %% %d), true,
                       case when i %% 20 = 0 then 'LEASED' else 'SUBMITTED' end, 1,
                       now() - interval '1 hour',
                       case when i %% 20 = 0 then now() + interval '1 hour' else now() - interval '50 minutes' end,
                       case when i %% 20 = 0 then null else now() - interval '55 minutes' end
                from generate_series(1, %d) i, generate_series(0, 2) j""".formatted(SCHEMA, PROJECTS, ANNOTATORS,
                        ITEMS),
                // each project with open items has a reserver, who holds a slot of every one of them
                """
                insert into %s.reservation (item_id, annotator_id, project_id, rank_at)
                select md5('item' || i)::uuid, 'reserver-' || (i %% %d), md5('project' || (i %% %d))::uuid,
                       now() + i * interval '1 ms'
                from generate_series(10, %d, 10) i""".formatted(SCHEMA, PROJECTS, PROJECTS, ITEMS),
                """
                insert into %s.annotator_progress (project_id, annotator_id)
                select md5('project' || p)::uuid, 'annotator-' || a
                from generate_series(0, %d) p, generate_series(0, %d) a""".formatted(SCHEMA, PROJECTS - 1,
                        ANNOTATORS - 1),
                // one more project whose open items (each waiting for two more labels) a fast annotator labelled
                // 10,000 of, and another annotator all of them
                """
                insert into %s.pool_item (item_id, project_id, kind, pilot, qualification, data, schema_version,
                                          ingested_at, rank_at, required, taken, completed)
                select md5('busy-item' || i)::uuid, md5('busy-project')::uuid, 'REGULAR', false, false,
                       jsonb_build_object('text', 'item number ' || i), 1, %s, %s, 3, 1, 1
                from generate_series(1, %d) i""".formatted(SCHEMA, busyRank("i"), busyRank("i"),
                        BUSY_ITEMS + OPEN_AHEAD),
                """
                insert into %s.assignment (assignment_id, item_id, project_id, annotator_id, counted, status,
                                           schema_version, leased_at, expires_at, ended_at)
                select md5('busy-assignment' || i || a)::uuid, md5('busy-item' || i)::uuid,
                       md5('busy-project')::uuid, a, true, 'COMPLETED', 1, now() - interval '1 hour',
                       now() - interval '50 minutes', now() - interval '55 minutes'
                from generate_series(1, %d) i, (values ('annotator-busy'), ('annotator-done')) w (a)
                where i <= %d or a = 'annotator-done'""".formatted(SCHEMA, BUSY_ITEMS + OPEN_AHEAD, BUSY_ITEMS),
                """
                insert into %s.annotator_progress (project_id, annotator_id)
                values (md5('busy-project')::uuid, 'annotator-busy'), (md5('busy-project')::uuid, 'annotator-done')
                """.formatted(SCHEMA),
                // every project has reopened items at some point; the platform has served many more projects than
                // those whose items are filled here (a table of a few pages is read whole by any plan: the check
                // is about the size where that starts to cost)
                """
                insert into %s.pool_reopening (project_id, reopens, generation, floor_rank)
                select md5('project' || p)::uuid, p, p, now() from generate_series(0, %d) p
                """.formatted(SCHEMA, PROJECTS_SERVED - 1));
    }

    @Test
    void anAnnotatorsOwnLeasesAreReadThroughIndexes() throws Exception {
        assertIndexOnly(AssignmentRepository.OPEN_OF_ANNOTATOR, "annotator-7", project(7), now(), 50);
    }

    @Test
    void claimsReadThroughIndexes() throws Exception {
        assertIndexOnly(PoolItemRepository.CLAIM_REGULAR, regularClaim(project(7), "annotator-7", null, null));
        // reserver-10 holds a slot of each of project 10's thousand open items: the claim reads the first only
        assertIndexOnly(PoolItemRepository.CLAIMS.get(TaskPool.RESERVED), project(10), "reserver-10");
        assertIndexOnly(PoolItemRepository.CLAIMS.get(TaskPool.GOLD), project(7), "annotator-7");
        // all of project 10's thousand items are open and none was given to annotator-0: the first one is taken
        assertIndexOnly(PoolItemRepository.CLAIM_REGULAR, regularClaim(project(10), "annotator-0", null, null));
    }

    @Test
    void aClaimDoesNotSkipAgainWhatTheAnnotatorAlreadyHad() throws Exception {
        String claim = PoolItemRepository.CLAIM_REGULAR;
        // the fill is the hard case: from the head of the pool, the claim passes all 10,000 items the annotator had
        assertThat(QueryPlans.run(dataSource, claim, regularClaim("annotator-busy", null, null)).rowsRead())
                .isGreaterThan(BUSY_ITEMS);
        // from the cursor the last claim left, it reads the next open item, not the 10,000 behind it
        assertIndexOnly(claim, regularClaim("annotator-busy", busyRankAt(BUSY_ITEMS), busyItem(BUSY_ITEMS)));
        // nor, when the annotator had every open item, the claim that finds nothing
        assertIndexOnly(claim, regularClaim("annotator-done", busyRankAt(BUSY_ITEMS + OPEN_AHEAD),
                busyItem(BUSY_ITEMS + OPEN_AHEAD)));
    }

    @Test
    void theProgressLockReadsOneRow() throws Exception {
        assertIndexOnly(AnnotatorProgressRepository.LOCK, project(7), "annotator-7");
    }

    @Test
    void aSubmissionAndAHeartbeatTouchOnlyTheirOwnRows() throws Exception {
        UUID lease = UUID.nameUUIDFromBytes("any".getBytes());
        assertIndexOnly(AssignmentRepository.FIND, lease);
        assertIndexOnly(AssignmentRepository.END, "SUBMITTED", now(), null, UUID.randomUUID(), lease);
        assertIndexOnly(AssignmentRepository.EXTEND, now(), lease, "annotator-7", now());
        // a live lease of the fill: item 20, its first annotator
        assertIndexOnly(AssignmentRepository.COMPLETE, "assignment-service.annotations", UUID.randomUUID(), now(),
                UUID.randomUUID(), QueryPlans.md5Uuid("assignment20-0"), "annotator-12", QueryPlans.md5Uuid("item20"),
                UUID.randomUUID(), "labeling.assignments", "key", "{}");
    }

    @Test
    void aBatchOfPredictionsTouchesOnlyItsItemsRows() throws Exception {
        String items = QueryPlans.array(List.of(QueryPlans.md5Uuid("item10"), QueryPlans.md5Uuid("item20"),
                QueryPlans.md5Uuid("item30")));
        assertIndexOnly(PoolItemBatchRepository.LOCK_RANKS, items);
        Instant earlier = now().minusSeconds(3600);
        assertIndexOnly(PoolItemBatchRepository.SET_RANKS, items, QueryPlans.array(List.of(0.9, 0.5, 0.1)),
                QueryPlans.array(List.of(earlier, now(), now())),
                QueryPlans.array(List.of(QueryPlans.md5Uuid("item10"))), QueryPlans.array(List.of(earlier)));
    }

    private void assertIndexOnly(String sql, Object... values) throws Exception {
        assertThat(QueryPlans.run(dataSource, sql, values).beyond(MOST_ROWS_READ)).as(sql).isEmpty();
    }


    /** The parameters of the regular claim in the busy project, walking from the given cursor. */
    private static Object[] regularClaim(String annotator, Instant afterRank, UUID afterItem) {
        return regularClaim(QueryPlans.md5Uuid("busy-project"), annotator, afterRank, afterItem);
    }

    private static Object[] regularClaim(UUID project, String annotator, Instant afterRank, UUID afterItem) {
        return new Object[] {annotator, project, afterRank, afterItem, annotator, project, project, afterRank,
                afterItem, annotator};
    }

    private static String busyRank(String i) {
        return "timestamptz '" + BUSY_START + "' + " + i + " * interval '1 ms'";
    }

    private static Instant busyRankAt(int i) {
        return BUSY_START.plusMillis(i);
    }

    private static UUID busyItem(int i) {
        return QueryPlans.md5Uuid("busy-item" + i);
    }

    private static UUID project(int n) {
        return QueryPlans.md5Uuid("project" + n);
    }

    private static Instant now() {
        return Instant.now();
    }
}
