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
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The progress forecast's throughput: the project's latest labels submitted within the window, no others, counted
 * no further than the sample.
 */
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
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        insert(project, now.minus(Duration.ofMinutes(10)), 3);
        insert(project, now.minus(Duration.ofMinutes(59)), 1);
        insert(project, now.minus(Duration.ofHours(2)), 2);
        insert(UUID.randomUUID(), now.minus(Duration.ofMinutes(5)), 4);

        assertThat(labels.latestSince(project, now.minus(Duration.ofHours(1)), 100))
                .isEqualTo(new QualityLabelRepository.LatestLabels(4, now.minus(Duration.ofMinutes(59))));
        assertThat(labels.latestSince(project, now.minus(Duration.ofMinutes(30)), 100))
                .isEqualTo(new QualityLabelRepository.LatestLabels(3, now.minus(Duration.ofMinutes(10))));
        assertThat(labels.latestSince(UUID.randomUUID(), now.minus(Duration.ofHours(1)), 100))
                .isEqualTo(new QualityLabelRepository.LatestLabels(0, null));
    }

    @Test
    void aBusyWindowIsCountedOnlyAsFarAsTheSample() throws SQLException {
        UUID project = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int minute = 1; minute <= 6; minute++) {
            insert(project, now.minus(Duration.ofMinutes(minute)), 1);
        }

        // the sample's labels are the latest: its earliest is the fourth latest, six minutes is never read
        assertThat(labels.latestSince(project, now.minus(Duration.ofHours(1)), 4))
                .isEqualTo(new QualityLabelRepository.LatestLabels(4, now.minus(Duration.ofMinutes(4))));
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
