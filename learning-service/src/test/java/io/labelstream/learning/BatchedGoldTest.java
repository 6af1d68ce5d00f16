package io.labelstream.learning;

import io.agroal.api.AgroalDataSource;
import io.labelstream.contracts.events.DecidedBy;
import io.labelstream.contracts.events.GoldLabel;
import io.labelstream.contracts.project.LearningPolicy;
import io.labelstream.contracts.project.TaskType;
import io.labelstream.learning.service.LearningIntake;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Gold labels are applied a poll batch at a time with the effect of applying them one by one: each event once,
 * whatever the batch holds twice or is delivered again, an item's versions and tombstones in order, and every
 * change counted towards the next training as it would be record by record.
 */
@QuarkusTest
class BatchedGoldTest {

    @Inject
    LearningIntake intake;

    @Inject
    AgroalDataSource dataSource;

    private static LearningIntake.GoldDelivery gold(UUID projectId, UUID itemId, String label, int version) {
        return new LearningIntake.GoldDelivery(UUID.randomUUID(), itemId, new GoldLabel(itemId, projectId, "ext-" + itemId,
                Fixtures.choice(label), version, DecidedBy.REVIEWER, "rev", 1.0, List.of(), 1, 1, Instant.now(), null));
    }

    @Test
    void aBatchHoldingAnEventTwiceAndDeliveredTwiceCountsEachChangeOnce() throws SQLException {
        // no training: the seed is never reached, so the change count is what the batches left
        Fixtures.Project project = Fixtures.project(TaskType.SINGLE_LABEL,
                new LearningPolicy(LearningPolicy.Strategy.UNCERTAINTY, 1, 1000, null, null));
        UUID first = stored(Fixtures.item(project.id(), "win a free prize now"));
        UUID second = stored(Fixtures.item(project.id(), "see you at lunch tomorrow"));
        LearningIntake.GoldDelivery twice = gold(project.id(), first, "spam", 1);
        List<LearningIntake.GoldDelivery> batch = List.of(twice, gold(project.id(), second, "ham", 1), twice);

        intake.applyAll(batch);
        intake.applyAll(batch);

        assertThat(changes(project.id())).isEqualTo(2);
        assertThat(goldOf(first)).isEqualTo("spam");
        assertThat(goldOf(second)).isEqualTo("ham");
    }

    @Test
    void versionsAndTombstonesOfOneItemInOneBatchApplyInOrderAndEachCounts() throws SQLException {
        Fixtures.Project project = Fixtures.project(TaskType.SINGLE_LABEL,
                new LearningPolicy(LearningPolicy.Strategy.UNCERTAINTY, 1, 1000, null, null));
        UUID corrected = stored(Fixtures.item(project.id(), "claim your cash prize txt win"));
        UUID withdrawn = stored(Fixtures.item(project.id(), "are we still meeting tonight"));

        intake.applyAll(List.of(gold(project.id(), corrected, "ham", 1), gold(project.id(), withdrawn, "ham", 1),
                gold(project.id(), corrected, "spam", 2), LearningIntake.GoldDelivery.tombstone(withdrawn),
                // older than the stored version: changes nothing, as record by record
                gold(project.id(), corrected, "ham", 1)));

        assertThat(goldOf(corrected)).isEqualTo("spam");
        assertThat(goldOf(withdrawn)).isNull();
        assertThat(changes(project.id())).isEqualTo(4);
    }

    /**
     * Waits until the item's text is stored: a text arriving after its gold label counts a change of its own,
     * which these counts are not about.
     */
    private UUID stored(UUID itemId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> hasText(itemId));
        return itemId;
    }

    private boolean hasText(UUID itemId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select 1 from learning_item where item_id = ? and text is not null")) {
            statement.setObject(1, itemId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private int changes(UUID projectId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select gold_changes from learning_project where project_id = ?")) {
            statement.setObject(1, projectId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getInt(1) : 0;
            }
        }
    }

    private String goldOf(UUID itemId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select gold_label ->> 'choice' from learning_item where item_id = ?")) {
            statement.setObject(1, itemId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }
}
