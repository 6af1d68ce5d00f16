package io.labelstream.adjudication;

import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.ItemAssessed;
import io.labelstream.contracts.events.ItemDecision;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Poison records go to the channel's dead-letter topic and the partition keeps flowing. */
@QuarkusTest
class DeadLetterTest {

    @Test
    void unreadableAssessmentIsDeadLetteredAndLaterRecordsStillApply() {
        Fixtures.Project project = Fixtures.project(0.8, 0.0);
        UUID itemId = UUID.randomUUID();
        String poison = "not json " + itemId;
        Fixtures.sendRaw(Topics.ITEM_QUALITY, itemId.toString(), poison);
        String unbindable = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"ItemAssessed\",\"version\":1,"
                + "\"key\":\"" + itemId + "\",\"payload\":{\"itemId\":\"nope\"}}";
        Fixtures.sendRaw(Topics.ITEM_QUALITY, itemId.toString(), unbindable);
        Fixtures.assessed(project.id(), itemId, ItemDecision.RESOLVED, "pos", 0.9, List.of());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                GoldTopic.readAll(Topics.deadLetter(Topics.ITEM_QUALITY)).stream().map(Map.Entry::getValue))
                .contains(poison, unbindable));
        GoldLabelFlowTest.awaitLatest(itemId, 1);
    }

    @Test
    void duplicateDeliveryOfAnAssessmentPublishesOnce() {
        Fixtures.Project project = Fixtures.project(0.8, 0.0);
        UUID itemId = Fixtures.item(project.id(), "ext-dup");
        EventEnvelope envelope = EventCodec.envelope(new ItemAssessed(itemId, project.id(), ItemDecision.RESOLVED,
                Fixtures.choice("pos"), 0.9, 0.8, "MAJORITY", 3, List.of(), 1, Instant.now()), Clock.systemUTC());
        String json = EventCodec.write(envelope);
        Fixtures.sendRaw(Topics.ITEM_QUALITY, itemId.toString(), json);
        Fixtures.sendRaw(Topics.ITEM_QUALITY, itemId.toString(), json);
        UUID marker = Fixtures.item(project.id(), "ext-dup-marker");
        Fixtures.assessed(project.id(), marker, ItemDecision.RESOLVED, "pos", 0.9, List.of());

        GoldLabelFlowTest.awaitLatest(marker, 1);
        GoldLabelFlowTest.awaitLatest(itemId, 1);
        assertThat(GoldTopic.recordsOf(itemId.toString())).hasSize(1);
    }
}
