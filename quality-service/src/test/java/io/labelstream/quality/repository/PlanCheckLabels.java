package io.labelstream.quality.repository;

import static io.labelstream.devstack.QueryPlans.SCHEMA;

/**
 * The labels the plan tests fill their copy of quality's label table with: projects, items and annotators named by
 * {@code md5} of a text key ({@code project7}, {@code item7-12}), each item labelled by annotators spread over the
 * project's.
 */
final class PlanCheckLabels {

    private PlanCheckLabels() {
    }

    /** The statement that inserts {@code labelsPerItem} labels on each item of each project. */
    static String insert(int projects, int itemsPerProject, int annotatorsPerProject, int labelsPerItem) {
        return """
                insert into %1$s.quality_label (annotation_id, item_id, project_id, annotator_id, label, category,
                                               revision, server_duration_ms, submitted_at)
                select md5('annotation' || p || '-' || n || '-' || k)::uuid, md5('item' || p || '-' || n)::uuid,
                       md5('project' || p)::uuid, 'annotator-' || ((n + k * 7) %% %4$d), '{"choice": "a"}', 'a', 1,
                       9000, now()
                from generate_series(0, %2$d - 1) p, generate_series(0, %3$d - 1) n,
                     generate_series(0, %5$d - 1) k""".formatted(SCHEMA, projects, itemsPerProject,
                annotatorsPerProject, labelsPerItem);
    }
}
