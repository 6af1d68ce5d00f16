package io.labelstream.annotation.repository;

import io.agroal.api.AgroalDataSource;
import io.labelstream.devstack.QueryPlans;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.labelstream.devstack.QueryPlans.md5Uuid;
import static io.labelstream.devstack.QueryPlans.SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statements behind an annotator's submission, revision and history, and a reviewer's read of an item's
 * labels, must cost what the rows they concern cost, whatever other projects hold. Each is run with EXPLAIN
 * ANALYZE ({@link QueryPlans}), planned for its values and as a generic plan, over a copy of the service's
 * tables filled with 200 projects' annotations by a crowd that labels for many projects, then analysed.
 */
@QuarkusTest
class AnnotationQueryPlanTest {

    private static final int ITEMS = 200_000;
    private static final int PROJECTS = 200;
    private static final int ANNOTATORS = 24;
    private static final int PAGE = 50;
    /** A statement about one annotation reads a handful of rows. */
    private static final long ONE_ANNOTATION = 10;
    /** A page of an annotator's history reads that page, whatever else the annotator labelled. */
    private static final long ONE_PAGE = PAGE + 10;

    private final AgroalDataSource dataSource;

    AnnotationQueryPlanTest(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * 200,000 items of 200 projects, each labelled by three annotators of a crowd of 24: every annotator holds
     * 25,000 annotations spread over 25 projects, one second apart, with one in ten assignments released and
     * every item predicted by a model.
     */
    @BeforeEach
    void fill() throws SQLException {
        QueryPlans.fillOnce(dataSource, getClass(), List.of("annotation", "annotation_revision",
                        "released_assignment", "item_view", "item_prediction", "outbox_event"),
                """
                insert into %s.annotation (annotation_id, assignment_id, item_id, project_id, annotator_id, label,
                                           client_duration_ms, server_duration_ms, schema_version,
                                           guideline_version, revision, lease_expires_at, submitted_at)
                select md5('annotation' || i || '-' || j)::uuid, md5('assignment' || i || '-' || j)::uuid,
                       md5('item' || i)::uuid, md5('project' || (i %% %d))::uuid,
                       'annotator-' || ((i + j * 8) %% %d), '{"choice": "positive"}', 4000, 5000, 1, 1, 0,
                       now() - (%d - i) * interval '1 second', now() - (%d - i) * interval '1 second'
                from generate_series(1, %d) i, generate_series(0, 2) j""".formatted(SCHEMA, PROJECTS,
                        ANNOTATORS, ITEMS, ITEMS, ITEMS),
                """
                insert into %s.released_assignment (assignment_id, item_id, annotator_id, reason, released_at)
                select md5('released' || i)::uuid, md5('item' || i)::uuid, 'annotator-' || (i %% %d), 'SKIPPED',
                       now()
                from generate_series(1, %d, 10) i""".formatted(SCHEMA, ANNOTATORS, ITEMS),
                """
                insert into %s.item_view (item_id, project_id, data)
                select md5('item' || i)::uuid, md5('project' || (i %% %d))::uuid,
                       jsonb_build_object('text', 'item number ' || i)
                from generate_series(1, %d) i""".formatted(SCHEMA, PROJECTS, ITEMS),
                """
                insert into %s.item_prediction (item_id, project_id, model_id, label, predicted_at)
                select md5('item' || i)::uuid, md5('project' || (i %% %d))::uuid, 'model-1',
                       '{"choice": "positive"}', now()
                from generate_series(1, %d) i""".formatted(SCHEMA, PROJECTS, ITEMS));
    }

    @Test
    void aSubmissionReadsAndWritesOnlyItsOwnAnnotation() throws Exception {
        UUID assignment = md5Uuid("assignment7-0");
        UUID fresh = UUID.randomUUID();
        assertReads(ONE_ANNOTATION, AnnotationRepository.SUBMISSION_STATE, fresh, fresh);
        assertReads(ONE_ANNOTATION, AnnotationRepository.SUBMISSION_STATE, assignment, assignment);
        assertReads(ONE_ANNOTATION, AnnotationRepository.INSERT, UUID.randomUUID(), fresh, md5Uuid("item7"),
                md5Uuid("project7"), "annotator-7", "{\"choice\": \"negative\"}", 3000L, 4000L, 1, 1, 0, now(), now(),
                null, fresh, UUID.randomUUID(), "labeling.annotations", "item", "{}");
        assertReads(ONE_ANNOTATION, ReferenceDataRepository.IS_RELEASED, assignment);
        assertReads(ONE_ANNOTATION, ReferenceDataRepository.FIND_ITEM_DATA, md5Uuid("item7"));
        assertReads(ONE_ANNOTATION, ReferenceDataRepository.FIND_PREDICTION, md5Uuid("item7"));
    }

    @Test
    void aRevisionLocksAndUpdatesOnlyItsOwnAnnotation() throws Exception {
        UUID assignment = md5Uuid("assignment7-0");
        assertReads(ONE_ANNOTATION, AnnotationRepository.BY_ASSIGNMENT_LOCKED, assignment);
        assertReads(ONE_ANNOTATION, AnnotationRepository.UPDATE_REVISION, "{\"choice\": \"negative\"}", 3000L,
                4000L, 1, now(), md5Uuid("annotation7-0"), 0);
        assertReads(ONE_ANNOTATION, AnnotationRepository.INSERT_HISTORY, md5Uuid("annotation7-0"), 1,
                "{\"choice\": \"negative\"}", now());
    }

    @Test
    void anAnnotatorsHistoryIsReadAPageAtATime() throws Exception {
        // annotator-7 labelled 25,000 items, a thousand of them in project 7, one in 25 of their annotations
        Instant middle = Instant.now().minusSeconds(ITEMS / 2);
        assertReads(ONE_PAGE, AnnotationRepository.byAnnotator(false, false), "annotator-7", PAGE);
        assertReads(ONE_PAGE, AnnotationRepository.byAnnotator(false, true), "annotator-7", middle, PAGE);
        assertReads(ONE_PAGE, AnnotationRepository.byAnnotator(true, false), "annotator-7", md5Uuid("project7"), PAGE);
        assertReads(ONE_PAGE, AnnotationRepository.byAnnotator(true, true), "annotator-7", md5Uuid("project7"), middle,
                PAGE);
    }

    @Test
    void aReviewerReadsAnItemsLabelsAlone() throws Exception {
        assertReads(ONE_ANNOTATION, AnnotationRepository.BY_ITEM, md5Uuid("item7"));
    }

    private void assertReads(long most, String sql, Object... values) throws Exception {
        assertThat(QueryPlans.run(dataSource, sql, values).beyond(most)).as(sql).isEmpty();
    }


    private static Instant now() {
        return Instant.now();
    }
}
