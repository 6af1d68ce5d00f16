package io.labelstream.quality.repository;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The progress forecast's throughput: the project's labels submitted within the window, no others. */
@QuarkusTest
class RecentLabelsTest {

    private final QualityLabelRepository labels;
    private final AgroalDataSource dataSource;

    RecentLabelsTest(QualityLabelRepository labels, AgroalDataSource dataSource) {
        this.labels = labels;
        this.dataSource = dataSource;
    }

    @Test
    void countsTheProjectsLabelsSubmittedWithinTheWindow() throws SQLException {
        UUID project = UUID.randomUUID();
        Instant now = Instant.now();
        insert(project, now.minus(Duration.ofMinutes(10)), 3);
        insert(project, now.minus(Duration.ofMinutes(59)), 1);
        insert(project, now.minus(Duration.ofHours(2)), 2);
        insert(UUID.randomUUID(), now.minus(Duration.ofMinutes(5)), 4);

        assertThat(labels.labelsSince(project, now.minus(Duration.ofHours(1)))).isEqualTo(4);
        assertThat(labels.labelsSince(project, now.minus(Duration.ofMinutes(30)))).isEqualTo(3);
        assertThat(labels.labelsSince(UUID.randomUUID(), now.minus(Duration.ofHours(1)))).isZero();
    }

    private void insert(UUID project, Instant submittedAt, int count) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into quality_label (annotation_id, item_id, project_id, annotator_id, label, category,
                                                revision, server_duration_ms, submitted_at)
                     values (?, ?, ?, ?, '{"choice": "a"}', 'a', 1, 9000, ?)""")) {
            for (int i = 0; i < count; i++) {
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, UUID.randomUUID());
                insert.setObject(3, project);
                insert.setString(4, "annotator-" + i);
                insert.setTimestamp(5, Timestamp.from(submittedAt));
                insert.executeUpdate();
            }
        }
    }
}
