package io.labelstream.ingestion;

import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.Topics;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.labelstream.ingestion.Fixtures.as;
import static io.labelstream.ingestion.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class ItemIngestionTest {

    private static final String NER = """
            {"name": "ner", "schema": {"taskType": "SPANS", "labels": [{"name": "PER"}, {"name": "LOC"}]}}""";

    @Test
    void itemIsStoredPublishedAndReingestingReturnsTheSameItem() {
        String manager = user("manager");
        String projectId = Fixtures.singleLabelProject(manager);
        String ingestor = user("pipeline");
        Fixtures.addIngestor(manager, projectId, ingestor);
        String body = "{\"externalId\": \"doc-1\", \"data\": {\"text\": \"great\"}, \"metadata\": {\"source\": \"web\"}}";
        String itemId = as(ingestor, "ingestor").body(body).post("/projects/" + projectId + "/items")
                .then().statusCode(201).body("kind", equalTo("REGULAR")).body("schemaVersion", equalTo(1))
                .extract().path("itemId");
        as(ingestor, "ingestor").body(body).post("/projects/" + projectId + "/items")
                .then().statusCode(200).body("itemId", equalTo(itemId));

        var records = Fixtures.awaitRecords(Topics.ITEMS, r -> r.key().equals(itemId), 1);
        EventEnvelope envelope = EventCodec.read(records.get(0).value());
        assertThat(envelope.type()).isEqualTo("ItemIngested");
        assertThat(envelope.payload().at("/data/text").asText()).isEqualTo("great");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                as(manager, "manager").get("/projects/" + projectId + "/items/" + itemId)
                        .then().statusCode(200).body("state", equalTo("PUBLISHED")));
        as(manager, "manager").queryParam("kind", "REGULAR").get("/projects/" + projectId + "/items")
                .then().statusCode(200).body("items", hasSize(1)).body("next", nullValue());
    }

    @Test
    void goldAnswerGoesOnlyToReferenceAnswers() {
        String manager = user("manager");
        String projectId = Fixtures.createProject(manager, NER);
        String itemId = as(manager, "manager").body("""
                {"data": {"text": "Alice met Bob"}, "qualification": true,
                 "referenceAnswer": {"spans": [{"start": 0, "end": 5, "label": "PER", "text": "Alice"}]}}""")
                .post("/projects/" + projectId + "/items").then().statusCode(201).body("kind", equalTo("GOLD"))
                .extract().path("itemId");
        var answers = Fixtures.awaitRecords(Topics.REFERENCE_ANSWERS, r -> r.key().equals(itemId), 1);
        assertThat(EventCodec.read(answers.get(0).value()).payload().at("/answer/spans/0/label").asText()).isEqualTo("PER");
        var items = Fixtures.awaitRecords(Topics.ITEMS, r -> r.key().equals(itemId), 1);
        assertThat(items.get(0).value()).doesNotContain("referenceAnswer").doesNotContain("\"spans\"");
        assertThat(EventCodec.read(items.get(0).value()).payload().get("qualification").asBoolean()).isTrue();
    }

    @Test
    void badItemsAreRefusedWithProblemsAndNothingIsWritten() {
        String manager = user("manager");
        String projectId = Fixtures.createProject(manager, NER);
        String ingestor = user("pipeline");
        Fixtures.addIngestor(manager, projectId, ingestor);
        String items = "/projects/" + projectId + "/items";
        as(ingestor, "ingestor").body("{\"data\": ").post(items).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("body"));
        as(ingestor, "ingestor").body("{\"data\": {\"text\": \"x\"}, \"pilot\": {\"a\": 1}}").post(items)
                .then().statusCode(400).body("errors.field", hasItem("pilot"));
        as(ingestor, "ingestor").body("{\"data\": {\"imageUrl\": \"https://x/1.jpg\", \"width\": 1, \"height\": 1}}")
                .post(items).then().statusCode(422).body("errors.field", hasItem("data.text"));
        as(ingestor, "ingestor").body("""
                {"data": {"text": "Alice"}, "referenceAnswer": {"spans": [{"start": 0, "end": 5, "label": "ORG"}]}}""")
                .post(items).then().statusCode(422).body("errors.field", hasItem("referenceAnswer.spans[0].label"));
        as(ingestor, "ingestor").body("{\"data\": {\"text\": \"" + "a".repeat(300_000) + "\"}}").post(items)
                .then().statusCode(422).body("errors.field", hasItem("data"));
        as(ingestor, "ingestor").body("{\"data\": {\"text\": \"x\"}}").post("/projects/" + UUID.randomUUID() + "/items")
                .then().statusCode(404).contentType("application/problem+json");
        as(user("annotator"), "annotator").body("{\"data\": {\"text\": \"x\"}}").post(items).then().statusCode(403);
        as(user("stranger"), "manager").body("{\"data\": {\"text\": \"x\"}}").post(items).then().statusCode(403);
        as(manager, "manager").get(items).then().statusCode(200).body("items", hasSize(0));

        for (String state : new String[] {"ACTIVE", "COMPLETED"}) {
            as(manager, "manager").body("{\"state\": \"" + state + "\"}").post("/projects/" + projectId + "/state")
                    .then().statusCode(200);
        }
        as(ingestor, "ingestor").body("{\"data\": {\"text\": \"x\"}}").post(items).then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void batchKeepsValidItemsAndReportsEachRejectedOne() {
        String manager = user("manager");
        String projectId = Fixtures.singleLabelProject(manager);
        as(manager, "manager").body("""
                [{"externalId": "a", "data": {"text": "one"}},
                 {"externalId": "b", "data": {}},
                 {"externalId": "a", "data": {"text": "one again"}},
                 {"externalId": "c", "data": {"text": "three"}, "referenceAnswer": {"choice": "maybe"}}]""")
                .post("/projects/" + projectId + "/items/batch").then().statusCode(200)
                .body("accepted", equalTo(1)).body("duplicates", equalTo(1)).body("rejected", equalTo(2))
                .body("lines[1].status", equalTo("REJECTED")).body("lines[3].line", equalTo(4));
    }

    @Test
    void aStoredItemSentTwiceInOneBatchIsTheStoredItemOnBothLines() {
        String manager = user("manager");
        String projectId = Fixtures.singleLabelProject(manager);
        String stored = as(manager, "manager").body("{\"externalId\": \"s\", \"data\": {\"text\": \"first\"}}")
                .post("/projects/" + projectId + "/items").then().statusCode(201).extract().path("itemId");
        String fresh = as(manager, "manager").body("""
                [{"externalId": "s", "data": {"text": "again"}},
                 {"externalId": "n", "data": {"text": "new"}},
                 {"externalId": "s", "data": {"text": "and again"}}]""")
                .post("/projects/" + projectId + "/items/batch").then().statusCode(200)
                .body("accepted", equalTo(1)).body("duplicates", equalTo(2))
                .body("lines[0].status", equalTo("DUPLICATE")).body("lines[0].itemId", equalTo(stored))
                .body("lines[2].status", equalTo("DUPLICATE")).body("lines[2].itemId", equalTo(stored))
                .extract().path("lines[1].itemId");

        as(manager, "manager").get("/projects/" + projectId + "/items").then().statusCode(200)
                .body("items.itemId", org.hamcrest.Matchers.containsInAnyOrder(stored, fresh));
    }

    @Test
    void ndjsonUploadRunsAsAJobAndReportsRejectedLinesByNumber() {
        String manager = user("manager");
        String projectId = Fixtures.singleLabelProject(manager);
        StringBuilder file = new StringBuilder();
        int lines = 3000;
        for (int i = 1; i <= lines; i++) {
            if (i == 7) {
                file.append("{not json\n");
            } else if (i == 2500) {
                file.append("{\"externalId\": \"x\", \"data\": {\"text\": 42}}\n");
            } else {
                file.append("{\"externalId\": \"e-").append(i % 2000).append("\", \"data\": {\"text\": \"item ")
                        .append(i).append("\"}}\n");
            }
        }
        String location = uploadAndAwait(manager, projectId, file);
        as(manager, "manager").get(location).then()
                .body("linesProcessed", equalTo(lines)).body("rejected", equalTo(2))
                // line 7 is rejected, so line 2007 (same externalId) is the first e-7 and accepted
                .body("accepted", equalTo(2000)).body("duplicates", equalTo(998))
                .body("rejections.line", equalTo(java.util.List.of(7, 2500)));
        as(manager, "manager").queryParam("limit", 500).get("/projects/" + projectId + "/items")
                .then().body("items", hasSize(500)).body("next", org.hamcrest.Matchers.notNullValue());

        // sending the same file again stores nothing new
        String again = upload(manager, projectId, file);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                as(manager, "manager").get(again).then().body("state", equalTo("COMPLETED"))
                        .body("accepted", equalTo(0)).body("duplicates", equalTo(2998)));
    }

    @Test
    void anUploadBatchRepeatingTheBatchBeforeItStoresEachItemOnce() {
        // batches of 1,000 lines: each batch repeats the one before it, so every line of it is answered
        // with an item stored by an earlier transaction of the same job
        String manager = user("manager");
        String projectId = Fixtures.singleLabelProject(manager);
        StringBuilder file = new StringBuilder();
        int lines = 6000;
        for (int i = 0; i < lines; i++) {
            int item = (i / 2000) * 1000 + i % 1000;
            file.append("{\"externalId\": \"r-").append(item).append("\", \"data\": {\"text\": \"item ")
                    .append(item).append("\"}}\n");
        }
        String location = uploadAndAwait(manager, projectId, file);
        as(manager, "manager").get(location).then()
                .body("linesProcessed", equalTo(lines)).body("accepted", equalTo(3000))
                .body("duplicates", equalTo(3000)).body("rejected", equalTo(0));
        int stored = 0;
        String after = null;
        do {
            var page = as(manager, "manager").queryParam("limit", 500);
            if (after != null) {
                page.queryParam("after", after);
            }
            var answer = page.get("/projects/" + projectId + "/items").then().statusCode(200).extract();
            stored += answer.jsonPath().getList("items").size();
            after = answer.path("next");
        } while (after != null);
        assertThat(stored).isEqualTo(3000);
        // each stored item published once, keyed by its id, and then no longer waiting to be published
        var events = Fixtures.awaitRecords(Topics.ITEMS, r -> r.value().contains(projectId), 3000);
        assertThat(events).hasSize(3000);
        assertThat(events.stream().map(r -> r.key()).distinct()).hasSize(3000);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(manager, "manager")
                .queryParam("state", "STORED").get("/projects/" + projectId + "/items")
                .then().statusCode(200).body("items", hasSize(0)));
    }

    @Test
    void rawItemsFromKafkaAreIngestedAndPoisonGoesToTheDeadLetterTopic() {
        String manager = user("manager");
        String projectId = Fixtures.singleLabelProject(manager);
        String externalId = "raw-" + UUID.randomUUID();
        String good = EventCodec.write(new EventEnvelope(UUID.randomUUID(), "RawItem", 1, Instant.now(),
                UUID.fromString(projectId), externalId, EventCodec.mapper().valueToTree(Map.of(
                        "projectId", projectId, "externalId", externalId, "data", Map.of("text", "hello")))));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Fixtures.bootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(Topics.RAW_ITEMS, externalId, "not an envelope " + externalId));
            producer.send(new ProducerRecord<>(Topics.RAW_ITEMS, externalId, good));
            producer.send(new ProducerRecord<>(Topics.RAW_ITEMS, externalId, good));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                as(manager, "manager").get("/projects/" + projectId + "/items").then()
                        .body("items.externalId", equalTo(java.util.List.of(externalId))));
        Fixtures.awaitRecords(Topics.deadLetter(Topics.RAW_ITEMS), r -> r.value().contains(externalId), 1);
    }

    /** Sends an NDJSON file as an upload; returns the job's location. */
    private static String upload(String manager, String projectId, CharSequence file) {
        return as(manager, "manager").contentType("application/x-ndjson")
                .body(file.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/projects/" + projectId + "/uploads").then().statusCode(202).extract().header("Location");
    }

    /** Sends an upload and waits until its job completed; returns the job's location. */
    private static String uploadAndAwait(String manager, String projectId, CharSequence file) {
        String location = upload(manager, projectId, file);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                as(manager, "manager").get(location).then().statusCode(200).body("state", equalTo("COMPLETED")));
        return location;
    }
}
