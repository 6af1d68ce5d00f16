package io.labelstream.ingestion;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.ItemIngested;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.labelstream.ingestion.Fixtures.as;
import static io.labelstream.ingestion.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * An item's own overlap ({@code annotatorsPerItem}) and the annotators it is reserved for ({@code assignees}):
 * accepted on every REST path, stored, shown and published on its ItemIngested; every kind of bad value
 * refused by field name with nothing written.
 */
@QuarkusTest
class ItemDistributionTest {

    private static final String ANN_1 = user("ann");
    private static final String ANN_2 = user("ann");
    private static final String ANN_3 = user("ann");
    private static final String REVIEWER = user("rev");
    private static final String PIPELINE = user("pipeline");
    /** Shared by the refusal cases: since every one of them is refused, the project must stay empty. */
    private static String refusingProject;

    /** One kind of bad input: the item's extra fields, and the field and rule its refusal must name. */
    record BadInput(String name, String fields, String field, String rule) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadInput> badInputs() {
        return Stream.of(
                new BadInput("annotatorsPerItem 0", "\"annotatorsPerItem\": 0", "annotatorsPerItem", "must be >= 1"),
                new BadInput("annotatorsPerItem above the project's cap", "\"annotatorsPerItem\": 4",
                        "annotatorsPerItem", "must be <= 3, the project's maxAnnotatorsPerItem"),
                new BadInput("annotatorsPerItem a string", "\"annotatorsPerItem\": \"two\"",
                        "annotatorsPerItem", "must be an integer"),
                new BadInput("annotatorsPerItem a fraction", "\"annotatorsPerItem\": 2.5",
                        "annotatorsPerItem", "must be an integer"),
                new BadInput("assignees not an array", "\"assignees\": \"" + ANN_1 + "\"",
                        "assignees", "must be an array of user ids"),
                new BadInput("assignee who is not a member", "\"assignees\": [\"" + ANN_1 + "\", \"stranger\"]",
                        "assignees[1]", "'stranger' is not a member of the project"),
                new BadInput("member who is not an annotator", "\"assignees\": [\"" + REVIEWER + "\"]",
                        "assignees[0]", "is not an ANNOTATOR of the project"),
                new BadInput("duplicate assignee", "\"assignees\": [\"" + ANN_1 + "\", \"" + ANN_1 + "\"]",
                        "assignees[1]", "is named twice; assignees must be distinct"),
                new BadInput("assignees on a gold item",
                        "\"assignees\": [\"" + ANN_1 + "\"], \"referenceAnswer\": {\"choice\": \"positive\"}",
                        "assignees", "not allowed on a gold item"),
                new BadInput("assignees on a pilot item", "\"assignees\": [\"" + ANN_1 + "\"], \"pilot\": true",
                        "assignees", "not allowed on a pilot item"),
                new BadInput("more assignees than the item's own k",
                        "\"annotatorsPerItem\": 1, \"assignees\": [\"" + ANN_1 + "\", \"" + ANN_2 + "\"]",
                        "assignees", "must name at most 1 annotators, the item's k (its annotatorsPerItem), but names 2"),
                new BadInput("more assignees than the project's k",
                        "\"assignees\": [\"" + ANN_1 + "\", \"" + ANN_2 + "\", \"" + ANN_3 + "\"]",
                        "assignees", "must name at most 2 annotators, the item's k (the project's annotatorsPerItem)"));
    }

    @Test
    void ownOverlapAndAssigneesAreStoredShownAndPublished() {
        String manager = user("manager");
        String projectId = project(manager);
        String items = "/projects/" + projectId + "/items";
        String reserved = """
                {"externalId": "reserved", "data": {"text": "great"}, "annotatorsPerItem": 3,
                 "assignees": ["%s", "%s"]}""".formatted(ANN_1, ANN_2);
        String itemId = as(manager, "manager").body(reserved).post(items).then().statusCode(201)
                .body("annotatorsPerItem", equalTo(3)).body("assignees", equalTo(List.of(ANN_1, ANN_2)))
                .extract().path("itemId");
        as(manager, "manager").get(items + "/" + itemId).then().statusCode(200)
                .body("annotatorsPerItem", equalTo(3)).body("assignees", equalTo(List.of(ANN_1, ANN_2)));
        // deduplication is unchanged: the stored item comes back as it was
        as(manager, "manager").body(reserved.replace("\"annotatorsPerItem\": 3", "\"annotatorsPerItem\": 2"))
                .post(items).then().statusCode(200).body("itemId", equalTo(itemId)).body("annotatorsPerItem", equalTo(3));

        // assignees up to the project's k without an own k; an item without either shows neither
        String byProjectK = as(manager, "manager").body("""
                {"externalId": "project-k", "data": {"text": "fine"}, "assignees": ["%s", "%s"]}""".formatted(ANN_2, ANN_3))
                .post(items).then().statusCode(201).body("annotatorsPerItem", nullValue())
                .body("assignees", equalTo(List.of(ANN_2, ANN_3))).extract().path("itemId");
        as(manager, "manager").body("{\"externalId\": \"plain\", \"data\": {\"text\": \"ok\"}, \"assignees\": []}")
                .post(items).then().statusCode(201).body("annotatorsPerItem", nullValue()).body("assignees", nullValue());

        ItemIngested event = ingested(itemId);
        assertThat(event.annotatorsPerItem()).isEqualTo(3);
        assertThat(event.assignees()).containsExactly(ANN_1, ANN_2);
        ItemIngested onProjectK = ingested(byProjectK);
        assertThat(onProjectK.annotatorsPerItem()).isNull();
        assertThat(onProjectK.annotatorsPerItem(2)).isEqualTo(2);
        assertThat(onProjectK.assignees()).containsExactly(ANN_2, ANN_3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void aSingleItemWithABadValueIsRefusedByFieldAndNothingIsStored(BadInput bad) {
        String projectId = refusingProject();
        as(PIPELINE, "ingestor").body("{\"externalId\": \"bad\", \"data\": {\"text\": \"x\"}, " + bad.fields() + "}")
                .post("/projects/" + projectId + "/items").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo(bad.field()))
                .body("errors[0].reason", containsString(bad.rule()));
        as(PIPELINE, "ingestor").get("/projects/" + projectId + "/items").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void aBatchKeepsTheValidItemsAroundEachBadOne() {
        String manager = user("manager");
        String projectId = project(manager);
        List<BadInput> bad = badInputs().toList();
        List<String> body = new ArrayList<>();
        body.add(valid(0));
        for (int i = 0; i < bad.size(); i++) {
            body.add("{\"externalId\": \"bad-" + i + "\", \"data\": {\"text\": \"x\"}, " + bad.get(i).fields() + "}");
            body.add(valid(i + 1));
        }
        JsonNode result = as(manager, "manager").body("[" + String.join(",\n", body) + "]")
                .post("/projects/" + projectId + "/items/batch").then().statusCode(200)
                .extract().as(JsonNode.class);

        assertThat(result.get("accepted").asInt()).isEqualTo(bad.size() + 1);
        assertThat(result.get("rejected").asInt()).isEqualTo(bad.size());
        for (int i = 0; i < bad.size(); i++) {
            JsonNode line = result.get("lines").get(2 * i + 1);
            assertThat(line.get("line").asInt()).as(bad.get(i).name()).isEqualTo(2 * i + 2);
            assertThat(line.get("status").asText()).as(bad.get(i).name()).isEqualTo("REJECTED");
            assertThat(line.get("reason").asText()).as(bad.get(i).name())
                    .startsWith(bad.get(i).field() + ": ").contains(bad.get(i).rule());
        }
        as(manager, "manager").queryParam("limit", 100).get("/projects/" + projectId + "/items").then().statusCode(200)
                .body("items", hasSize(bad.size() + 1))
                .body("items.find { it.externalId == 'valid-0' }.assignees", equalTo(List.of(ANN_1)))
                .body("items.find { it.externalId == 'valid-0' }.annotatorsPerItem", equalTo(2));
    }

    @Test
    void anUploadTakesThemLineByLine() {
        String manager = user("manager");
        String projectId = project(manager);
        String file = """
                {"externalId": "u-1", "data": {"text": "one"}, "annotatorsPerItem": 3, "assignees": ["%1$s", "%2$s", "%3$s"]}
                {"externalId": "u-2", "data": {"text": "two"}, "assignees": ["%1$s", "%1$s"]}
                {"externalId": "u-3", "data": {"text": "three"}, "annotatorsPerItem": 1}
                """.formatted(ANN_1, ANN_2, ANN_3);
        as(manager, "manager").contentType("application/x-ndjson").body(file.getBytes(StandardCharsets.UTF_8))
                .post("/projects/" + projectId + "/uploads").then().statusCode(200)
                .body("state", equalTo("COMPLETED")).body("accepted", equalTo(2)).body("rejected", equalTo(1))
                .body("rejections[0].line", equalTo(2))
                .body("rejections[0].reason", containsString("assignees[1]: '" + ANN_1 + "' is named twice"));
        String itemId = as(manager, "manager").get("/projects/" + projectId + "/items").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items.find { it.externalId == 'u-3' }.annotatorsPerItem", equalTo(1))
                .body("items.find { it.externalId == 'u-3' }.assignees", nullValue())
                .extract().path("items.find { it.externalId == 'u-1' }.itemId");
        as(manager, "manager").get("/projects/" + projectId + "/items/" + itemId).then().statusCode(200)
                .body("annotatorsPerItem", equalTo(3)).body("assignees", equalTo(List.of(ANN_1, ANN_2, ANN_3)));
        assertThat(ingested(itemId).assignees()).containsExactly(ANN_1, ANN_2, ANN_3);
    }

    @Test
    void aRawItemWithAssigneesGoesToTheDeadLetterTopicInsteadOfLosingThem() {
        String manager = user("manager");
        String projectId = project(manager);
        String externalId = "raw-" + UUID.randomUUID();
        String raw = EventCodec.write(new EventEnvelope(UUID.randomUUID(), "RawItem", 1, Instant.now(),
                UUID.fromString(projectId), externalId, EventCodec.mapper().valueToTree(Map.of("projectId", projectId,
                "externalId", externalId, "data", Map.of("text", "hello"), "assignees", List.of(ANN_1)))));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Fixtures.bootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(Topics.RAW_ITEMS, externalId, raw));
        }
        ConsumerRecord<String, String> dead = Fixtures.awaitRecords(Topics.deadLetter(Topics.RAW_ITEMS),
                r -> r.value().contains(externalId), 1).get(0);
        Header reason = dead.headers().lastHeader("dead-letter-reason");
        assertThat(reason).isNotNull();
        assertThat(new String(reason.value(), StandardCharsets.UTF_8)).contains("assignees");
        // the record was dead-lettered after its transaction rolled back: nothing of it is stored
        as(manager, "manager").get("/projects/" + projectId + "/items").then().body("items", hasSize(0));
    }

    private static String valid(int i) {
        return i == 0
                ? "{\"externalId\": \"valid-0\", \"data\": {\"text\": \"v0\"}, \"annotatorsPerItem\": 2, \"assignees\": [\"" + ANN_1 + "\"]}"
                : "{\"externalId\": \"valid-" + i + "\", \"data\": {\"text\": \"v" + i + "\"}}";
    }

    /** A project of k = 2 with a cap of 3, three annotators and a reviewer. */
    private static String project(String manager) {
        return Fixtures.createProject(manager, """
                {"name": "reserved", "schema": {"taskType": "SINGLE_LABEL",
                  "labels": [{"name": "positive"}, {"name": "negative"}]},
                 "policies": {"annotatorsPerItem": 2, "maxAnnotatorsPerItem": 3},
                 "members": [{"userId": "%s", "role": "ANNOTATOR"}, {"userId": "%s", "role": "ANNOTATOR"},
                             {"userId": "%s", "role": "ANNOTATOR"}, {"userId": "%s", "role": "REVIEWER"},
                             {"userId": "%s", "role": "INGESTOR"}]}"""
                .formatted(ANN_1, ANN_2, ANN_3, REVIEWER, PIPELINE));
    }

    private static synchronized String refusingProject() {
        if (refusingProject == null) {
            refusingProject = project(user("manager"));
        }
        return refusingProject;
    }

    private static ItemIngested ingested(String itemId) {
        List<ConsumerRecord<String, String>> records = Fixtures.awaitRecords(Topics.ITEMS, r -> r.key().equals(itemId), 1);
        EventEnvelope envelope = EventCodec.read(records.get(0).value());
        assertThat(envelope.type()).isEqualTo("ItemIngested");
        return EventCodec.payload(envelope, ItemIngested.class);
    }
}
