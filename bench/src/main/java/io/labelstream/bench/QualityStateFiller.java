package io.labelstream.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * Writes into quality-service's schema the state a project would have after N synthetic annotations, as
 * the service itself leaves it: decided items, their labels with scores, the annotators' aggregates,
 * category and confusion counts, and the crowd model as fitted at that size. Feeding a million annotations
 * through the service takes about an hour on a small machine; the set-based inserts take a minute, and
 * the service's per-annotation cost only depends on the sizes of these tables and their indexes.
 *
 * <p>The synthetic crowd is the one {@code QualityBench} sends: items of five labels, 200 workers, each
 * label the item's truth three times in four.
 */
final class QualityStateFiller {

    private static final String[] STATEMENTS = {
        """
        create temporary table filler_item on commit drop as
        select gen_random_uuid() as item_id, g as n, (g % 4)::text as truth from generate_series(1, ?) g""",
        """
        insert into quality_item (item_id, project_id, decision, consensus_label, confidence, agreement, method,
            label_count, published_decision, published_label, assessed_at)
        select item_id, ?, 'RESOLVED', jsonb_build_object('choice', truth), 0.9, 0.6, 'DAWID_SKENE', 5,
            'RESOLVED', jsonb_build_object('choice', truth), now() - interval '1 hour'
        from filler_item""",
        """
        insert into quality_label (annotation_id, item_id, project_id, annotator_id, label, category, revision,
            server_duration_ms, submitted_at, consensus_score, peer_score, credited)
        select gen_random_uuid(), i.item_id, ?, 'syn-w' || ((i.n * 7 + j * 37) % 200),
            jsonb_build_object('choice', x.given), x.given, 0, 3000 + (i.n * 13 + j) % 27000,
            now() - interval '1 hour', case when x.given = i.truth then 1 else 0 end, 0.6,
            jsonb_build_object(i.truth, 1.0)
        from filler_item i cross join generate_series(0, 4) j
        cross join lateral (select case when (i.n + j) % 4 < 3 then i.truth else ((i.n + j) % 4)::text end as given) x""",
        """
        insert into quality_annotator (project_id, annotator_id, status, label_count, consensus_compared,
            consensus_score_sum, peer_compared, peer_score_sum, assessed_at)
        select project_id, annotator_id, 'ACTIVE', count(*), count(*), sum(consensus_score), count(*),
            sum(peer_score), max(submitted_at)
        from quality_label where project_id = ? group by project_id, annotator_id""",
        """
        insert into quality_annotator_category (project_id, annotator_id, category, label_count)
        select project_id, annotator_id, category, count(*) from quality_label where project_id = ?
        group by project_id, annotator_id, category""",
        """
        insert into quality_annotator_confusion (project_id, annotator_id, truth, given, mass)
        select l.project_id, l.annotator_id, c.truth, l.category, sum(c.mass::double precision)
        from quality_label l cross join lateral jsonb_each_text(l.credited) c(truth, mass) where l.project_id = ?
        group by l.project_id, l.annotator_id, c.truth, l.category""",
        // the crowd model as the service's last fit left it: 3 in 4 answers right, the wrong ones spread evenly
        """
        insert into quality_model (project_id, fitted_labels, class_prior, crowd_rows, strengths)
        select ?, count(*) * 5, jsonb_build_object('0', 0.25, '1', 0.25, '2', 0.25, '3', 0.25),
            (select jsonb_object_agg(t::text, (select jsonb_object_agg(g::text, case when g = t then 0.75 else 0.25 / 3 end)
                                               from generate_series(0, 3) g))
             from generate_series(0, 3) t),
            jsonb_build_object('0', 4.0, '1', 4.0, '2', 4.0, '3', 4.0)
        from filler_item""",
    };

    private QualityStateFiller() {
    }

    /** Fills the project with {@code annotations} (a multiple of 5) in one transaction, then refreshes statistics. */
    static void fill(Connection connection, UUID projectId, int annotations) throws SQLException {
        connection.setAutoCommit(false);
        for (int i = 0; i < STATEMENTS.length; i++) {
            try (PreparedStatement statement = connection.prepareStatement(STATEMENTS[i])) {
                statement.setObject(1, i == 0 ? (Object) (annotations / 5) : projectId);
                statement.executeUpdate();
            }
        }
        connection.commit();
        connection.setAutoCommit(true);
        try (Statement analyze = connection.createStatement()) {
            for (String table : List.of("quality_item", "quality_label", "quality_annotator",
                    "quality_annotator_category", "quality_annotator_confusion")) {
                analyze.execute("analyze " + table);
            }
        }
    }
}
