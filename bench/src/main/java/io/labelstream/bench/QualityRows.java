package io.labelstream.bench;

import io.labelstream.devstack.EmbeddedPostgresServer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A project's quality state as rows of text, read straight from quality-service's tables, to tell whether a
 * rebuild reached the state the live path did. Scores are rounded to nine decimals: a rebuild sums the same
 * terms in the same order, so only printing could tell them apart.
 */
record QualityRows(Map<String, String> items, Map<String, String> annotators) {

    private static final String ITEMS = "select item_id::text, concat_ws('|', decision, consensus_label::text,"
            + " round(confidence::numeric, 9), round(agreement::numeric, 9), method, label_count)"
            + " from quality_item where project_id = ?";
    private static final String ANNOTATORS = "select annotator_id, concat_ws('|', status, label_count, too_fast_count,"
            + " gold_answered, round(gold_score_sum::numeric, 9), consensus_compared,"
            + " round(consensus_score_sum::numeric, 9), peer_compared, round(peer_score_sum::numeric, 9),"
            + " duration_histogram::text, flags::text, assessed_at)"
            + " from quality_annotator where project_id = ?";

    static QualityRows of(String jdbcUrl, UUID projectId) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl + "?currentSchema=quality",
                EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD)) {
            return new QualityRows(rows(connection, ITEMS, projectId), rows(connection, ANNOTATORS, projectId));
        }
    }

    /** Items of either state whose row differs in the other (or is missing from it). */
    long itemsDifferingFrom(QualityRows other) {
        return differing(items, other.items);
    }

    long annotatorsDifferingFrom(QualityRows other) {
        return differing(annotators, other.annotators);
    }

    private static long differing(Map<String, String> a, Map<String, String> b) {
        Set<String> keys = new HashSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys.stream().filter(k -> !Objects.equals(a.get(k), b.get(k))).count();
    }

    private static Map<String, String> rows(Connection connection, String sql, UUID projectId) throws SQLException {
        Map<String, String> rows = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, projectId);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getString(2));
                }
            }
        }
        return rows;
    }
}
