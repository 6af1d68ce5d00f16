package io.labelstream.adjudication.repository;

import io.agroal.api.AgroalDataSource;
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
 * A reviewer's requests (their live lease, the next case, a page of the queue or of decided reviews) must cost
 * what the rows they concern cost, whatever other projects and the project's own long history hold. Each is
 * run with EXPLAIN ANALYZE ({@link QueryPlans}), planned for its values and as a generic plan, over a copy of
 * the review table filled with 200 projects' reviews, then analysed.
 */
@QuarkusTest
class ReviewQueryPlanTest {

    private static final int PROJECTS = 200;
    private static final int REVIEWS_PER_PROJECT = 2_000;
    private static final int REVIEWERS = 5;
    private static final int PAGE = 50;
    /** The lease a reviewer holds, or the next case: a few rows. */
    private static final long ONE_CASE = REVIEWERS + 5;
    /** A page of reviews reads that page. */
    private static final long ONE_PAGE = PAGE + 10;

    private final AgroalDataSource dataSource;

    ReviewQueryPlanTest(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * 400,000 reviews of 200 projects, queued a second apart: in each project the oldest four in five are
     * decided and the rest wait, the oldest five of those leased, one to each of five reviewers.
     */
    @BeforeEach
    void fill() throws SQLException {
        QueryPlans.fillOnce(dataSource, getClass(), List.of("review_item"),
                """
                insert into %1$s.review_item (item_id, project_id, state, reason, queued_at, lease_id, lease_holder,
                                             lease_expires_at, closed_by, closed_at)
                select md5('item' || p || '-' || n)::uuid, md5('project' || p)::uuid,
                       case when n < %3$d then 'DECIDED' else 'PENDING' end, 'DISPUTED',
                       now() - (%2$d - n) * interval '1 second',
                       case when n >= %3$d and n < %3$d + %4$d then md5('lease' || p || '-' || n)::uuid end,
                       case when n >= %3$d and n < %3$d + %4$d then 'reviewer-' || (n - %3$d) end,
                       case when n >= %3$d and n < %3$d + %4$d then now() + interval '1 hour' end,
                       case when n < %3$d then 'reviewer-' || (n %% %4$d) end,
                       case when n < %3$d then now() end
                from generate_series(0, %5$d) p, generate_series(0, %2$d - 1) n""".formatted(SCHEMA,
                        REVIEWS_PER_PROJECT, REVIEWS_PER_PROJECT * 4 / 5, REVIEWERS, PROJECTS - 1));
    }

    @Test
    void aReviewerFindsTheirLiveLeaseAndTheNextCaseAlone() throws Exception {
        assertReads(ONE_CASE, ReviewRepository.LIVE_LEASE, "reviewer-3", project(7), Instant.now());
        assertReads(ONE_CASE, ReviewRepository.LIVE_LEASE, "reviewer-without-a-lease", project(7), Instant.now());
        assertReads(ONE_CASE, ReviewRepository.LEASE_NEXT, UUID.randomUUID(), "reviewer-9",
                Instant.now().plusSeconds(600), project(7), Instant.now());
    }

    @Test
    void theQueueAndTheDecidedReviewsAreReadAPageAtATime() throws Exception {
        assertReads(ONE_PAGE, ReviewRepository.BY_STATE, project(7), "PENDING", PAGE);
        assertReads(ONE_PAGE, ReviewRepository.BY_STATE, project(7), "DECIDED", PAGE);
        assertReads(ONE_PAGE, ReviewRepository.BY_STATE, project(7), "INVALID", PAGE);
    }

    private void assertReads(long most, String sql, Object... values) throws Exception {
        assertThat(QueryPlans.run(dataSource, sql, values).beyond(most)).as(sql).isEmpty();
    }

    private static UUID project(int n) {
        return QueryPlans.md5Uuid("project" + n);
    }
}
