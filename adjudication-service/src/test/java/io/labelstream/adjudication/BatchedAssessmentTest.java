package io.labelstream.adjudication;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.adjudication.domain.ReviewReason;
import io.labelstream.adjudication.domain.ReviewState;
import io.labelstream.adjudication.repository.ReviewRepository;
import io.labelstream.adjudication.service.AssessmentIntake;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.ItemAssessed;
import io.labelstream.contracts.events.ItemDecision;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Assessments are applied a poll batch at a time: each event once, whatever the batch holds twice or is
 * delivered again, in order within an item, an item a reviewer is due to decide left to the reviewer, and a
 * record the database refuses takes none of its batch with it.
 */
@QuarkusTest
class BatchedAssessmentTest {

    @Inject
    AssessmentIntake intake;

    @Inject
    ReviewRepository reviews;

    private static AssessmentIntake.Delivery delivery(UUID projectId, UUID itemId, String label) {
        return new AssessmentIntake.Delivery(UUID.randomUUID(), new ItemAssessed(itemId, projectId,
                ItemDecision.RESOLVED, Fixtures.choice(label), 0.9, 0.8, "MAJORITY", 3, List.of(), 1, Instant.now()));
    }

    @Test
    void aBatchHoldingAnEventTwiceAndDeliveredTwicePublishesOnce() {
        Fixtures.Project project = Fixtures.project(0.8, 0.0);
        UUID itemId = Fixtures.item(project.id(), "ext-batch-dup");
        UUID other = Fixtures.item(project.id(), "ext-batch-dup-other");
        AssessmentIntake.Delivery twice = delivery(project.id(), itemId, "pos");
        List<AssessmentIntake.Delivery> batch = List.of(twice, delivery(project.id(), other, "neg"), twice);

        intake.applyAll(batch);
        intake.applyAll(batch);
        UUID marker = UUID.randomUUID();
        intake.applyAll(List.of(delivery(project.id(), marker, "pos")));

        GoldLabelFlowTest.awaitLatest(marker, 1);
        assertThat(GoldTopic.recordsOf(itemId.toString())).hasSize(1)
                .first().satisfies(gold -> assertThat(gold.path("label").path("choice").asText()).isEqualTo("pos"));
        assertThat(GoldTopic.recordsOf(other.toString())).hasSize(1);
    }

    @Test
    void assessmentsOfOneItemInOneBatchAreDecidedInOrder() {
        Fixtures.Project project = Fixtures.project(0.8, 0.0);
        UUID itemId = Fixtures.item(project.id(), "ext-batch-order");

        intake.applyAll(List.of(delivery(project.id(), itemId, "pos"), delivery(project.id(), itemId, "neg"),
                delivery(project.id(), itemId, "neg")));

        GoldLabelFlowTest.awaitLatest(itemId, 2);
        List<JsonNode> versions = GoldTopic.recordsOf(itemId.toString());
        assertThat(versions).extracting(gold -> gold.path("version").asInt()).containsExactly(1, 2);
        assertThat(versions).extracting(gold -> gold.path("label").path("choice").asText()).containsExactly("pos", "neg");
    }

    @Test
    void anItemQueuedForReviewKeepsItsReviewWhenABatchBringsItAConfidentConsensus() {
        Fixtures.Project project = Fixtures.project(0.8, 0.0);
        UUID queued = Fixtures.item(project.id(), "ext-batch-queued");
        UUID first = Fixtures.item(project.id(), "ext-batch-beside-1");
        UUID second = Fixtures.item(project.id(), "ext-batch-beside-2");
        intake.applyAll(List.of(new AssessmentIntake.Delivery(UUID.randomUUID(), new ItemAssessed(queued,
                project.id(), ItemDecision.DISPUTED, null, 0.4, 0.3, "MAJORITY", 3, List.of(), 1, Instant.now()))));

        intake.applyAll(List.of(delivery(project.id(), first, "pos"), delivery(project.id(), queued, "pos"),
                delivery(project.id(), second, "neg")));

        GoldLabelFlowTest.awaitLatest(first, 1);
        GoldLabelFlowTest.awaitLatest(second, 1);
        assertThat(GoldTopic.recordsOf(queued.toString())).isEmpty();
        assertThat(QuarkusTransaction.requiringNew().call(() -> reviews.find(queued)))
                .hasValueSatisfying(review -> {
                    assertThat(review.state()).isEqualTo(ReviewState.PENDING);
                    assertThat(review.reason()).isEqualTo(ReviewReason.DISPUTED);
                });
    }

    @Test
    void aRecordTheDatabaseRefusesIsDeadLetteredAndTheRestOfItsBatchIsApplied() throws Exception {
        Fixtures.Project project = Fixtures.project(0.8, 0.0);
        UUID before = Fixtures.item(project.id(), "ext-batch-before");
        UUID refused = UUID.randomUUID();
        UUID after = Fixtures.item(project.id(), "ext-batch-after");
        // decodes, but PostgreSQL refuses \u0000 in jsonb: the batch's transaction fails as a whole
        String poison = EventCodec.write(EventCodec.envelope(new ItemAssessed(refused, project.id(),
                ItemDecision.RESOLVED, Fixtures.choice("p\u0000s"), 0.9, 0.8, "MAJORITY", 3, List.of(), 1,
                Instant.now()), Clock.systemUTC()));
        String[][] records = {
                {before.toString(), write(delivery(project.id(), before, "pos"))},
                {refused.toString(), poison},
                {after.toString(), write(delivery(project.id(), after, "neg"))}};
        // sent together, so that the consumer's poll is likely to take them as one batch
        var sends = java.util.Arrays.stream(records)
                .map(r -> Fixtures.producer().send(new ProducerRecord<>(Topics.ITEM_QUALITY, r[0], r[1]))).toList();
        for (var send : sends) {
            send.get();
        }

        GoldLabelFlowTest.awaitLatest(before, 1);
        GoldLabelFlowTest.awaitLatest(after, 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                GoldTopic.readAll(Topics.deadLetter(Topics.ITEM_QUALITY)).stream().map(Map.Entry::getValue))
                .contains(poison));
        assertThat(GoldTopic.recordsOf(refused.toString())).isEmpty();
    }

    private static String write(AssessmentIntake.Delivery delivery) {
        var envelope = EventCodec.envelope(delivery.assessed(), Clock.systemUTC());
        return EventCodec.write(envelope);
    }
}
