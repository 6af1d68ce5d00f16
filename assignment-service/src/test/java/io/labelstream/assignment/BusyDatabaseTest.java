package io.labelstream.assignment;

import io.agroal.api.AgroalDataSource;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.project.ProjectState;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.labelstream.assignment.TaskPoolFixture.annotators;
import static io.labelstream.assignment.TaskPoolFixture.awaitPool;
import static io.labelstream.assignment.TaskPoolFixture.next;
import static io.labelstream.assignment.TaskPoolFixture.policies;
import static io.labelstream.assignment.TaskPoolFixture.project;
import static io.labelstream.assignment.TaskPoolFixture.publish;
import static io.labelstream.assignment.TaskPoolFixture.queryInt;
import static io.labelstream.assignment.TaskPoolFixture.readerFromStart;
import static io.labelstream.assignment.TaskPoolFixture.regular;
import static io.labelstream.assignment.TaskPoolFixture.submission;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events that arrive while the service has no free database connection wait for one: they are applied once
 * the database takes work again, and none of them goes to a dead-letter topic, where it would be lost.
 */
@QuarkusTest
class BusyDatabaseTest {

    private final AgroalDataSource dataSource;

    BusyDatabaseTest(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Test
    void eventsThatFindNoFreeConnectionAreAppliedOnceOneIsFreeAndNeverDeadLettered() throws Exception {
        UUID projectId = UUID.randomUUID();
        String annotator = "busy-" + UUID.randomUUID();
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(1, 1, 0, 0, 600), 1,
                annotators(annotator)));
        publish(Topics.ITEMS, regular(projectId));
        awaitPool(dataSource, projectId, 1);
        Response lease = next(projectId, annotator);
        assertThat(lease.statusCode()).isEqualTo(200);

        ItemIngested arriving = regular(projectId);
        AnnotationSubmitted label = submission(lease, annotator);
        List<Connection> held = holdEveryConnection();
        try {
            publish(Topics.ITEMS, arriving);
            publish(Topics.ANNOTATIONS, label);
            // longer than the pool lets a consumer wait for a connection: each of them has failed at least once
            Thread.sleep(dataSource.getConfiguration().connectionPoolConfiguration().acquisitionTimeout()
                    .plusSeconds(3).toMillis());
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }

        await().atMost(Duration.ofSeconds(60)).until(() ->
                queryInt(dataSource, "select count(*) from pool_item where item_id = ?", arriving.itemId()) == 1
                        && queryInt(dataSource, "select count(*) from assignment where assignment_id = ?"
                        + " and status = 'COMPLETED'", label.assignmentId()) == 1);
        assertThat(deadLetteredKeys()).doesNotContain(arriving.key(), label.key());
    }

    /** Takes every connection of the service's pool, waiting for those in use to be given back. */
    private List<Connection> holdEveryConnection() throws SQLException {
        int size = dataSource.getConfiguration().connectionPoolConfiguration().maxSize();
        List<Connection> held = new ArrayList<>();
        Instant giveUp = Instant.now().plusSeconds(60);
        while (held.size() < size) {
            try {
                held.add(dataSource.getConnection());
            } catch (SQLException busy) {
                if (Instant.now().isAfter(giveUp)) {
                    held.forEach(c -> {
                        try {
                            c.close();
                        } catch (SQLException ignored) {
                            // closing on the way out of a failed set-up
                        }
                    });
                    throw busy;
                }
            }
        }
        return held;
    }

    private static Set<String> deadLetteredKeys() {
        Set<String> keys = new HashSet<>();
        try (KafkaConsumer<String, String> reader = readerFromStart()) {
            reader.subscribe(List.of(Topics.ITEMS + ".dlq", Topics.ANNOTATIONS + ".dlq"));
            // long enough for a new group to be given the partitions and read them to their end
            Instant until = Instant.now().plusSeconds(10);
            while (Instant.now().isBefore(until)) {
                for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(500))) {
                    keys.add(record.key());
                }
            }
        }
        return keys;
    }
}
