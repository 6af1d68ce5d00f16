package io.labelstream.quality;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.agroal.api.AgroalDataSource;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.MalformedEventException;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.ItemKind;
import io.labelstream.quality.service.AnnotationBatchIntake;
import io.labelstream.quality.service.AnnotationDelivery;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Annotations taken in poll batches, one transaction per batch: a batch delivered twice, under the same or new
 * event ids, an event twice in one batch, a record that fails only once applied, and batches of concurrent
 * consumers over the same items and annotators each apply every annotation exactly once.
 */
@QuarkusTest
class AnnotationBatchTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final List<String> CHOICES = List.of("pos", "neg", "neu");

    @Inject
    AnnotationBatchIntake intake;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aBatchDeliveredTwiceAppliesEachAnnotationOnce() {
        takenAgain(batch -> batch);
    }

    /**
     * A producer that sent its annotations again, or a consumer that read them again from another copy of the log,
     * brings them under new event ids: each annotation is still applied once, recognised by its stored label, and
     * the batch records no event id to recognise them by.
     */
    @Test
    void annotationsDeliveredAgainUnderNewEventIdsChangeNothing() {
        List<AnnotationDelivery> taken = takenAgain(batch -> batch.stream()
                .map(d -> delivery(d.annotation())).toList());

        String eventIds = taken.stream().map(d -> "'" + d.eventId() + "'").collect(Collectors.joining(","));
        assertThat(count("select count(*) from inbox_event where event_id in (" + eventIds + ")", null)).isZero();
    }

    /**
     * Takes a batch of four items labelled by each of three annotators, then the batch {@code again} makes of it:
     * the state is the one the first batch left, each annotation applied once. Answers the deliveries of both.
     */
    private List<AnnotationDelivery> takenAgain(UnaryOperator<List<AnnotationDelivery>> again) {
        QualityFixtures project = new QualityFixtures(QualityFixtures.majority(), 3).defined();
        List<AnnotationDelivery> batch = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            UUID itemId = UUID.randomUUID();
            project.annotators.forEach(a -> batch.add(delivery(project.annotation(itemId, a, "pos"))));
        }
        assertThat(intake.take(batch)).allMatch(AnnotationBatchIntake.Taken::applied);
        QualityState once = QualityState.of(dataSource, project.projectId);

        List<AnnotationDelivery> second = again.apply(batch);
        assertThat(intake.take(second)).allMatch(AnnotationBatchIntake.Taken::applied);

        QualityState.of(dataSource, project.projectId).assertEquals(once);
        assertThat(count("select count(*) from quality_label where project_id = ?", project)).isEqualTo(12);
        assertThat(count("select count(*) from quality_step where project_id = ? and kind = 'ANNOTATION'", project))
                .isEqualTo(12);
        assertThat(count("select sum(label_count) from quality_annotator where project_id = ?", project)).isEqualTo(12);
        assertThat(count("select count(*) from quality_item where project_id = ? and decision = 'RESOLVED'", project))
                .isEqualTo(4);
        return Stream.concat(batch.stream(), second.stream()).toList();
    }

    @Test
    void anEventTwiceInOneBatchIsAppliedOnce() {
        QualityFixtures project = new QualityFixtures(QualityFixtures.majority(), 3).defined();
        UUID itemId = UUID.randomUUID();
        AnnotationDelivery first = delivery(project.annotation(itemId, project.annotators.get(0), "pos"));
        AnnotationDelivery second = delivery(project.annotation(itemId, project.annotators.get(1), "pos"));

        List<AnnotationBatchIntake.Taken> taken = intake.take(List.of(first, second, first));

        assertThat(taken).hasSize(3).allMatch(AnnotationBatchIntake.Taken::applied);
        assertThat(count("select count(*) from quality_label where project_id = ?", project)).isEqualTo(2);
        assertThat(count("select count(*) from quality_step where project_id = ? and kind = 'ANNOTATION'", project))
                .isEqualTo(2);
        assertThat(count("select label_count from quality_annotator where project_id = ? and annotator_id = '"
                + project.annotators.get(0) + "'", project)).isEqualTo(1);
    }

    @Test
    void aBatchPublishesEachAnnotatorsLastAssessmentAndEveryItemDecision() {
        QualityFixtures project = new QualityFixtures(QualityFixtures.majority(), 3).defined();
        List<AnnotationDelivery> batch = new ArrayList<>();
        List<UUID> items = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            UUID itemId = UUID.randomUUID();
            items.add(itemId);
            project.annotators.forEach(a -> batch.add(delivery(project.annotation(itemId, a, "pos"))));
        }

        assertThat(intake.take(batch)).allMatch(AnnotationBatchIntake.Taken::applied);

        String projectId = project.projectId.toString();
        await().atMost(WAIT).untilAsserted(() -> assertThat(KafkaTopics.payloads(Topics.ITEM_QUALITY, "ItemAssessed",
                p -> p.get("projectId").asText().equals(projectId)))
                .extracting(p -> UUID.fromString(p.get("itemId").asText())).containsExactlyInAnyOrderElementsOf(items));
        // published one after another, the annotators' earlier assessments would come first: never only these
        await().atMost(WAIT).untilAsserted(() -> assertThat(KafkaTopics.payloads(Topics.ANNOTATOR_QUALITY,
                "AnnotatorAssessed", p -> p.get("projectId").asText().equals(projectId)))
                .as("one assessment per annotator, the one after all four of their labels")
                .extracting(p -> p.get("annotatorId").asText(), p -> p.get("labelCount").asInt())
                .containsExactlyInAnyOrderElementsOf(project.annotators.stream().map(a -> tuple(a, 4)).toList()));
    }

    @Test
    void aRecordThatFailsOnceAppliedIsTurnedAwayAndTheRestOfItsBatchIsApplied() {
        QualityFixtures project = new QualityFixtures(QualityFixtures.majority(), 4).defined();
        UUID itemId = UUID.randomUUID();
        AnnotationSubmitted good = project.annotation(itemId, project.annotators.get(0), "neg");
        // passes every check before the transaction; PostgreSQL refuses the NUL in its label when it is stored
        AnnotationSubmitted withNul = withLabel(project.annotation(itemId, project.annotators.get(1), "neg"),
                "neg\u0000");
        List<AnnotationDelivery> batch = List.of(delivery(good), delivery(withNul),
                delivery(project.annotation(itemId, project.annotators.get(2), "neg")),
                delivery(project.annotation(itemId, project.annotators.get(3), "neg")));

        Map<UUID, AnnotationBatchIntake.Taken> taken = intake.take(batch).stream()
                .collect(Collectors.toMap(t -> t.delivery().eventId(), Function.identity()));

        assertThat(taken.get(batch.get(1).eventId()).applied()).isFalse();
        assertThat(taken.values()).filteredOn(AnnotationBatchIntake.Taken::applied).hasSize(3);
        assertThat(count("select count(*) from quality_label where project_id = ?", project)).isEqualTo(3);
        assertThat(count("select count(*) from quality_item where project_id = ? and decision = 'RESOLVED' "
                + "and label_count = 3", project)).isEqualTo(1);
        assertThat(count("select count(*) from quality_label where annotation_id = '" + withNul.annotationId() + "'",
                null)).as("the turned-away record is not recorded as applied").isZero();
    }

    @Test
    void aRevisionThatNamesAnotherItemIsTurnedAwayAndTheRestOfItsBatchIsApplied() {
        QualityFixtures project = new QualityFixtures(QualityFixtures.majority(), 4).defined();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        AnnotationSubmitted original = project.annotation(first, project.annotators.get(0), "neg");
        assertThat(intake.take(List.of(delivery(original)))).allMatch(AnnotationBatchIntake.Taken::applied);
        AnnotationSubmitted moved = new AnnotationSubmitted(original.annotationId(), original.assignmentId(), second,
                original.projectId(), original.annotatorId(), original.label(), original.clientDurationMs(),
                original.serverDurationMs(), original.schemaVersion(), original.guidelineVersion(),
                original.revision() + 1, original.submittedAt());
        AnnotationDelivery movedDelivery = delivery(moved);

        // the batch reads the labels of its own items only: the stored label of the revision is not among them
        Map<UUID, AnnotationBatchIntake.Taken> taken = intake.take(List.of(movedDelivery,
                        delivery(project.annotation(second, project.annotators.get(1), "neg")))).stream()
                .collect(Collectors.toMap(t -> t.delivery().eventId(), Function.identity()));

        assertThat(taken.get(movedDelivery.eventId()).failure()).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("cannot name item " + second);
        assertThat(taken.values()).filteredOn(AnnotationBatchIntake.Taken::applied).hasSize(1);
        assertThat(count("select count(*) from quality_label where item_id = '" + first + "' and revision = "
                + original.revision(), null)).as("the stored label stays where it was counted").isEqualTo(1);
        assertThat(count("select sum(label_count) from quality_annotator where project_id = ?", project))
                .isEqualTo(2);
    }

    /**
     * Four consumers take batches at the same time over the same items and annotators, in different orders, with
     * one another's events among them: every annotation lands once, every item is decided by all of its labels.
     */
    @Test
    void concurrentBatchesOverTheSameItemsAndAnnotatorsApplyEveryAnnotationOnce() {
        QualityFixtures project = new QualityFixtures(QualityFixtures.policies(3, 5, 0, "WEIGHTED"), 5).defined();
        Random random = new Random(7);
        List<AnnotationDelivery> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            UUID itemId = UUID.randomUUID();
            String truth = CHOICES.get(random.nextInt(3));
            project.annotators.subList(0, 3 + random.nextInt(3)).forEach(a -> all.add(delivery(
                    project.annotation(itemId, a, random.nextDouble() < 0.8 ? truth : CHOICES.get(random.nextInt(3))))));
        }
        List<List<AnnotationDelivery>> consumers = IntStream.range(0, 4).mapToObj(c -> {
            List<AnnotationDelivery> mine = new ArrayList<>(all);
            Collections.shuffle(mine, new Random(c));
            return mine;
        }).toList();

        List<CompletableFuture<Long>> turnedAway = consumers.stream()
                .map(mine -> CompletableFuture.supplyAsync(() -> batchesOf(mine, 25).stream()
                        .mapToLong(batch -> intake.take(batch).stream().filter(t -> !t.applied()).count()).sum()))
                .toList();

        assertThat(turnedAway.stream().mapToLong(CompletableFuture::join).sum()).isZero();
        assertThat(count("select count(*) from quality_label where project_id = ?", project)).isEqualTo(all.size());
        assertThat(count("select count(*) from quality_step where project_id = ? and kind = 'ANNOTATION'", project))
                .isEqualTo(all.size());
        assertThat(count("select sum(label_count) from quality_annotator where project_id = ?", project))
                .isEqualTo(all.size());
        assertThat(count("select sum(label_count) from quality_item where project_id = ?", project))
                .as("each item assessed with all of its labels").isEqualTo(all.size());
    }

    /**
     * Through the broker: a burst over a few annotators on every partition, with redeliveries and a malformed
     * record among them, is applied exactly once and the consumer group ends with no lag on any partition.
     */
    @Test
    void aBurstThroughTheBrokerIsAppliedOnceAndNoPartitionIsLeftBehind() throws Exception {
        QualityFixtures project = new QualityFixtures(QualityFixtures.majority(), 4).defined();
        List<AnnotationSubmitted> burst = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            UUID itemId = project.item(ItemKind.REGULAR);
            project.annotators.subList(0, 3).forEach(a -> burst.add(project.annotation(itemId, a, "pos")));
        }
        KafkaTopics.sendAll(Topics.ANNOTATIONS, burst);
        String notAnEvent = "{not json " + UUID.randomUUID();
        KafkaTopics.send(Topics.ANNOTATIONS, UUID.randomUUID().toString(), notAnEvent);
        // the first thirty annotations again under new event ids, each record delivered twice, as after a
        // consumer restarted before committing its offsets
        List<EventEnvelope> again = burst.subList(0, 30).stream().map(KafkaTopics::envelope).toList();
        again.forEach(envelope -> KafkaTopics.send(Topics.ANNOTATIONS, envelope));
        again.forEach(envelope -> KafkaTopics.send(Topics.ANNOTATIONS, envelope));

        await().atMost(WAIT).until(() -> count("select count(*) from quality_item where project_id = ? "
                + "and decision = 'RESOLVED'", project) == 60);
        await().atMost(WAIT).until(AnnotationBatchTest::annotationsFullyCommitted);
        assertThat(count("select count(*) from quality_label where project_id = ?", project)).isEqualTo(180);
        assertThat(count("select sum(label_count) from quality_annotator where project_id = ?", project))
                .isEqualTo(180);
        assertThat(KafkaTopics.readAll(Topics.deadLetter(Topics.ANNOTATIONS)).stream().map(ConsumerRecord::value))
                .contains(notAnEvent);
    }

    private static List<List<AnnotationDelivery>> batchesOf(List<AnnotationDelivery> deliveries, int size) {
        List<List<AnnotationDelivery>> batches = new ArrayList<>();
        for (int i = 0; i < deliveries.size(); i += size) {
            batches.add(deliveries.subList(i, Math.min(deliveries.size(), i + size)));
        }
        return batches;
    }

    /** Whether quality's consumer group has committed every partition of the annotation topic up to its end. */
    private static boolean annotationsFullyCommitted() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTopics.bootstrap()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("quality-service")
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(Topics.ANNOTATIONS)).allTopicNames()
                    .get().get(Topics.ANNOTATIONS).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(Topics.ANNOTATIONS, p.partition()),
                            p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().entrySet().stream().allMatch(end -> {
                OffsetAndMetadata at = committed.get(end.getKey());
                return end.getValue().offset() == 0 || (at != null && at.offset() == end.getValue().offset());
            });
        }
    }

    private static AnnotationDelivery delivery(AnnotationSubmitted annotation) {
        return new AnnotationDelivery(UUID.randomUUID(), annotation);
    }

    private static AnnotationSubmitted withLabel(AnnotationSubmitted a, String choice) {
        return new AnnotationSubmitted(a.annotationId(), a.assignmentId(), a.itemId(), a.projectId(), a.annotatorId(),
                JsonNodeFactory.instance.objectNode().put("choice", choice), a.clientDurationMs(),
                a.serverDurationMs(), a.schemaVersion(), a.guidelineVersion(), a.revision(), a.submittedAt());
    }

    private long count(String sql, QualityFixtures project) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            if (project != null) {
                select.setObject(1, project.projectId);
            }
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
