package io.labelstream.annotation;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.annotation.repository.ReferenceDataRepository;
import io.labelstream.annotation.service.Delivered;
import io.labelstream.annotation.service.ReferenceDataUpdates;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.EventPayload;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.events.ItemKind;
import io.labelstream.contracts.events.ModelPrediction;
import io.labelstream.contracts.events.ReleaseReason;
import io.labelstream.contracts.events.TaskAssigned;
import io.labelstream.contracts.events.TaskReleased;
import io.labelstream.contracts.project.SchemaConstraints;
import io.labelstream.contracts.project.TaskType;
import io.labelstream.platform.token.AssignmentToken;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static io.labelstream.annotation.LabelingWorld.TOKEN_HEADER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Items, predictions and releases are consumed in poll batches, one transaction per batch: every event is
 * applied once whatever the duplicates in and across batches, a malformed record or one the database refuses
 * is dead-lettered alone, and the rest of its batch is applied.
 */
@QuarkusTest
class ReferenceBatchTest {

    @Inject
    ReferenceDataUpdates updates;

    @Inject
    ReferenceDataRepository references;

    @Test
    void aBurstOfItemsWithDuplicatesAndBrokenRecordsStoresEverySoundItemAndDeadLettersTheRest() {
        LabelingWorld.Project project = LabelingWorld.defineProject(
                LabelingWorld.schema(TaskType.SINGLE_LABEL, SchemaConstraints.none(), "yes", "no"),
                LabelingWorld.policies(60, false));
        List<ProducerRecord<String, String>> burst = new ArrayList<>();
        List<UUID> items = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ItemIngested item = item(project.id(), "{\"text\": \"item " + i + "\"}");
            items.add(item.itemId());
            String envelope = envelope(item);
            burst.add(new ProducerRecord<>(Topics.ITEMS, item.key(), envelope));
            if (i % 5 == 0) {
                // a redelivery inside the same burst
                burst.add(new ProducerRecord<>(Topics.ITEMS, item.key(), envelope));
            }
        }
        String unreadable = "unreadable-" + UUID.randomUUID();
        burst.add(20, new ProducerRecord<>(Topics.ITEMS, unreadable, "not an event"));
        // jsonb refuses the NUL character: the batch's statement fails and each item is then tried on its own
        ItemIngested refused = item(project.id(), "{\"text\": \"nul \\u0000 here\"}");
        burst.add(30, new ProducerRecord<>(Topics.ITEMS, refused.key(), envelope(refused)));
        sendAll(burst);

        await().atMost(Duration.ofSeconds(90)).until(() -> items.stream().allMatch(
                id -> references.findItemData(id).isPresent()));
        assertThat(references.findItemData(items.get(7)).orElseThrow().path("text").asText()).isEqualTo("item 7");
        await().atMost(Duration.ofSeconds(90)).until(() ->
                !LabelingWorld.recordsWithKey(Topics.deadLetter(Topics.ITEMS), unreadable).isEmpty()
                        && !LabelingWorld.recordsWithKey(Topics.deadLetter(Topics.ITEMS), refused.key()).isEmpty());
        assertThat(references.findItemData(refused.itemId())).isEmpty();
    }

    @Test
    void anItemDeliveredAgainInALaterBatchKeepsTheDataItWasStoredWith() {
        UUID projectId = UUID.randomUUID();
        ItemIngested first = item(projectId, "{\"text\": \"first\"}");
        ItemIngested corrected = new ItemIngested(first.itemId(), projectId, "ext", ItemKind.REGULAR, false, false,
                LabelingWorld.json("{\"text\": \"corrected\"}"), null, "hash", 1, Instant.now());
        Delivered<ItemIngested> firstDelivery = new Delivered<>(UUID.randomUUID(), first);
        Delivered<ItemIngested> correction = new Delivered<>(UUID.randomUUID(), corrected);

        // two events of one item in one batch: the later one wins, as one transaction each would leave it
        updates.applyItems(List.of(firstDelivery, correction, firstDelivery));
        assertThat(references.findItemData(first.itemId()).orElseThrow().path("text").asText()).isEqualTo("corrected");

        // the first event delivered again later (a rebalance replays a batch) changes nothing
        updates.applyItems(List.of(firstDelivery));
        assertThat(references.findItemData(first.itemId()).orElseThrow().path("text").asText()).isEqualTo("corrected");
    }

    @Test
    void aBatchOfPredictionsKeepsTheLatestPerItemWhateverTheOrderTheyArriveIn() {
        UUID projectId = UUID.randomUUID();
        UUID itemId = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Delivered<ModelPrediction> newer = new Delivered<>(UUID.randomUUID(), prediction(itemId, projectId, "m2", now));
        Delivered<ModelPrediction> older = new Delivered<>(UUID.randomUUID(),
                prediction(itemId, projectId, "m1", now.minusSeconds(60)));

        updates.applyPredictions(List.of(newer, older));
        assertThat(references.findSuggestion(itemId).orElseThrow().modelId()).isEqualTo("m2");

        Delivered<ModelPrediction> older2 = new Delivered<>(UUID.randomUUID(),
                prediction(itemId, projectId, "m0", now.minusSeconds(120)));
        updates.applyPredictions(List.of(older2, older));
        assertThat(references.findSuggestion(itemId).orElseThrow().modelId()).isEqualTo("m2");
        assertThat(references.findSuggestion(itemId).orElseThrow().predictedAt()).isEqualTo(now);
    }

    @Test
    void releasesAmongAssignmentEventsCloseTheirAssignmentsEvenWhenDeliveredTwice() {
        LabelingWorld.Project project = LabelingWorld.defineProject(
                LabelingWorld.schema(TaskType.SINGLE_LABEL, SchemaConstraints.none(), "yes", "no"),
                LabelingWorld.policies(60, false));
        UUID itemId = LabelingWorld.ingestItem(project, LabelingWorld.json("{\"text\": \"t\"}"));
        List<ProducerRecord<String, String>> burst = new ArrayList<>();
        List<AssignmentToken> released = new ArrayList<>();
        AssignmentToken kept = LabelingWorld.lease(project, itemId, project.annotator());
        for (int i = 0; i < 10; i++) {
            AssignmentToken token = LabelingWorld.lease(project, itemId, project.annotator());
            burst.add(record(Topics.ASSIGNMENTS, new TaskAssigned(token.assignmentId(), itemId, project.id(),
                    project.annotator(), 1, token.leasedAt(), token.expiresAt())));
            ProducerRecord<String, String> release = record(Topics.ASSIGNMENTS, new TaskReleased(token.assignmentId(),
                    itemId, project.id(), project.annotator(), ReleaseReason.SKIPPED, null, Instant.now()));
            burst.add(release);
            burst.add(release);
            released.add(token);
        }
        burst.add(record(Topics.ASSIGNMENTS, new TaskAssigned(kept.assignmentId(), itemId, project.id(),
                project.annotator(), 1, kept.leasedAt(), kept.expiresAt())));
        sendAll(burst);

        await().atMost(Duration.ofSeconds(90)).until(() -> released.stream()
                .allMatch(token -> references.isReleased(token.assignmentId())));
        for (AssignmentToken token : released) {
            submit(project, token).then().statusCode(410);
        }
        assertThat(references.isReleased(kept.assignmentId())).isFalse();
        submit(project, kept).then().statusCode(201);
    }

    private static io.restassured.response.Response submit(LabelingWorld.Project project, AssignmentToken token) {
        return given().auth().oauth2(project.annotatorBearer())
                .header(TOKEN_HEADER, LabelingWorld.sign(token))
                .contentType(ContentType.JSON)
                .body(Map.of("label", LabelingWorld.json("{\"choice\": \"yes\"}")))
                .post("/assignments/{id}/annotation", token.assignmentId());
    }

    private static ItemIngested item(UUID projectId, String data) {
        UUID itemId = UUID.randomUUID();
        return new ItemIngested(itemId, projectId, "ext-" + itemId, ItemKind.REGULAR, false, false,
                LabelingWorld.json(data), null, "hash-" + itemId, 1, Instant.now());
    }

    private static ModelPrediction prediction(UUID itemId, UUID projectId, String modelId, Instant at) {
        JsonNode label = LabelingWorld.json("{\"choice\": \"yes\"}");
        return new ModelPrediction(itemId, projectId, modelId, Map.of("yes", 0.8, "no", 0.2), label, at, null);
    }

    private static String envelope(EventPayload payload) {
        EventEnvelope envelope = EventCodec.envelope(payload, Clock.systemUTC());
        return EventCodec.write(envelope);
    }

    private static ProducerRecord<String, String> record(String topic, EventPayload payload) {
        return new ProducerRecord<>(topic, payload.key(), envelope(payload));
    }

    /** Sends the records with one producer, without waiting between them, so they reach the service together. */
    private static void sendAll(List<ProducerRecord<String, String>> records) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 50);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            records.forEach(producer::send);
            producer.flush();
        }
    }
}
