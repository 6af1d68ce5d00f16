package io.labelstream.annotation;

import io.labelstream.contracts.Topics;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** A record that is not an event goes to the channel's dead-letter topic; the partition moves on. */
@QuarkusTest
class PoisonRecordTest {

    @Test
    void anUnreadableItemRecordIsDeadLettered() {
        String key = "poison-" + UUID.randomUUID();
        LabelingWorld.sendRaw(Topics.ITEMS, key, "this is not an event");

        await().atMost(Duration.ofSeconds(90)).until(
                () -> !LabelingWorld.recordsWithKey(Topics.deadLetter(Topics.ITEMS), key).isEmpty());
    }

    @Test
    void aReleaseWhosePayloadCannotBeBoundIsDeadLettered() {
        String key = "poison-" + UUID.randomUUID();
        String envelope = "{\"eventId\": \"" + UUID.randomUUID() + "\", \"type\": \"TaskReleased\", \"version\": 1,"
                + " \"payload\": {\"assignmentId\": \"not-a-uuid\"}}";
        LabelingWorld.sendRaw(Topics.ASSIGNMENTS, key, envelope);

        await().atMost(Duration.ofSeconds(90)).until(
                () -> !LabelingWorld.recordsWithKey(Topics.deadLetter(Topics.ASSIGNMENTS), key).isEmpty());
    }
}
