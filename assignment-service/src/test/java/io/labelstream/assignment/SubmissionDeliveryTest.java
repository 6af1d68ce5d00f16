package io.labelstream.assignment;

import io.agroal.api.AgroalDataSource;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.project.ProjectState;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.labelstream.assignment.TaskPoolFixture.annotators;
import static io.labelstream.assignment.TaskPoolFixture.awaitApplied;
import static io.labelstream.assignment.TaskPoolFixture.awaitEvent;
import static io.labelstream.assignment.TaskPoolFixture.awaitPool;
import static io.labelstream.assignment.TaskPoolFixture.bootstrap;
import static io.labelstream.assignment.TaskPoolFixture.next;
import static io.labelstream.assignment.TaskPoolFixture.policies;
import static io.labelstream.assignment.TaskPoolFixture.project;
import static io.labelstream.assignment.TaskPoolFixture.publish;
import static io.labelstream.assignment.TaskPoolFixture.queryInt;
import static io.labelstream.assignment.TaskPoolFixture.regular;
import static io.labelstream.assignment.TaskPoolFixture.send;
import static io.labelstream.assignment.TaskPoolFixture.submission;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A submission completes its lease once, whatever reaches the service: the same event delivered twice, or the
 * same answer published again under a new event id. The item counts one label and one TaskCompleted is
 * published.
 */
@QuarkusTest
class SubmissionDeliveryTest {

    private final AgroalDataSource dataSource;

    SubmissionDeliveryTest(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Test
    void aSubmissionDeliveredTwiceAndPublishedAgainCompletesTheLeaseOnce() throws Exception {
        UUID projectId = UUID.randomUUID();
        String annotator = "a-" + UUID.randomUUID();
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(2, 2, 0, 0, 600), 1,
                annotators(annotator)));
        var item = regular(projectId);
        publish(Topics.ITEMS, item);
        awaitPool(dataSource, projectId, 1);
        Response lease = next(projectId, annotator).then().statusCode(200).extract().response();

        AnnotationSubmitted answer = submission(lease, annotator);
        String once = EventCodec.write(EventCodec.envelope(answer, Clock.systemUTC()));
        send(Topics.ANNOTATIONS, answer.key(), once);
        send(Topics.ANNOTATIONS, answer.key(), once);
        // the same answer again under a new event id; records of one item keep their order, so once it is
        // applied, both deliveries before it are too
        awaitApplied(dataSource, publish(Topics.ANNOTATIONS, answer));

        String assignmentId = lease.path("assignmentId");
        awaitEvent(Topics.ASSIGNMENTS, e -> e.type().equals("TaskCompleted")
                && e.payload().get("assignmentId").asText().equals(assignmentId));
        assertThat(queryInt(dataSource, "select completed from pool_item where item_id = ?", item.itemId()))
                .isEqualTo(1);
        assertThat(taskCompletedPublished(assignmentId) + taskCompletedPending(assignmentId)).isEqualTo(1);
    }

    private int taskCompletedPending(String assignmentId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select count(*) from outbox_event where payload like ? and payload like '%TaskCompleted%'")) {
            s.setString(1, "%" + assignmentId + "%");
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    /** TaskCompleted events of the assignment on the topic, read from the start to its current end. */
    private static int taskCompletedPublished(String assignmentId) {
        int found = 0;
        try (KafkaConsumer<String, String> consumer = TaskPoolFixture.readerFromStart()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ASSIGNMENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        continue;
                    }
                    EventEnvelope envelope = EventCodec.read(record.value());
                    if (envelope.type().equals("TaskCompleted")
                            && envelope.payload().get("assignmentId").asText().equals(assignmentId)) {
                        found++;
                    }
                }
            }
        }
        return found;
    }
}
