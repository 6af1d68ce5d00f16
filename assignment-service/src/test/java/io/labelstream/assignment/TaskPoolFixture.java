package io.labelstream.assignment;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.EventPayload;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.AnnotatorAssessed;
import io.labelstream.contracts.events.AnnotatorStatus;
import io.labelstream.contracts.events.ItemAssessed;
import io.labelstream.contracts.events.ItemDecision;
import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.events.ItemKind;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.project.Guidelines;
import io.labelstream.contracts.project.LabelDefinition;
import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.ProjectMember;
import io.labelstream.contracts.project.ProjectPolicies;
import io.labelstream.contracts.project.ProjectRole;
import io.labelstream.contracts.project.ProjectState;
import io.labelstream.contracts.project.TaskType;
import io.labelstream.devstack.DevTokens;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Publishes what the other services would publish, and drives the REST API as an annotator would. */
final class TaskPoolFixture {

    private static KafkaProducer<String, String> producer;

    private TaskPoolFixture() {
    }

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }

    static UUID publish(String topic, EventPayload payload) {
        EventEnvelope envelope = EventCodec.envelope(payload, Clock.systemUTC());
        send(topic, payload.key(), EventCodec.write(envelope));
        return envelope.eventId();
    }

    /** Waits until the service applied the event (its inbox recorded it). */
    static void awaitApplied(AgroalDataSource dataSource, UUID eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                queryInt(dataSource, "select count(*) from inbox_event where event_id = ?", eventId) == 1);
    }

    static ItemAssessed assessed(ItemIngested item, ItemDecision decision) {
        return new ItemAssessed(item.itemId(), item.projectId(), decision, null, 0.5, 0.5, "MAJORITY", 1, List.of(),
                2, Instant.now());
    }

    static AnnotatorAssessed annotatorAssessed(UUID projectId, String annotatorId, AnnotatorStatus status) {
        return new AnnotatorAssessed(annotatorId, projectId, status, 0.9, 3, null, 3, null, List.of(), Instant.now());
    }

    /**
     * The events on the topic with a malformed record under {@code poisonKey} in their middle, sent without
     * waiting for each acknowledgement so that the consumer gets them in one poll; returns once all are on the topic.
     */
    static void sendWithPoisonInTheMiddle(String topic, String poisonKey, List<? extends EventPayload> events)
            throws Exception {
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (i == events.size() / 2) {
                sent.add(producer().send(new ProducerRecord<>(topic, poisonKey, "{ not an envelope")));
            }
            EventPayload event = events.get(i);
            sent.add(producer().send(new ProducerRecord<>(topic, event.key(),
                    EventCodec.write(EventCodec.envelope(event, Clock.systemUTC())))));
        }
        for (Future<?> f : sent) {
            f.get();
        }
    }

    static void send(String topic, String key, String value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("publish failed", e);
        }
    }

    static ProjectPolicies policies(int k, int max, double goldRate, int qualificationItems, int leaseSeconds) {
        ProjectPolicies d = ProjectPolicies.defaults();
        return new ProjectPolicies(k, max, goldRate, qualificationItems, d.qualificationMinAccuracy(),
                d.quarantineAccuracy(), d.autoAcceptConfidence(), d.spotCheckRate(), d.targetAgreement(), leaseSeconds,
                d.revisionGraceSeconds(), false, false, d.hourlyRate(), 1.0, d.aggregation());
    }

    static ProjectEvent project(UUID projectId, ProjectState state, ProjectPolicies policies, long revision,
                                List<ProjectMember> members) {
        LabelingSchema schema = new LabelingSchema(TaskType.SINGLE_LABEL,
                List.of(new LabelDefinition("positive", null, null), new LabelDefinition("negative", null, null)),
                null);
        return new ProjectEvent(projectId, "project " + projectId, "test", state, 2, revision, schema,
                new Guidelines(7, "label the sentiment", List.of(), List.of()), policies, members, Instant.now(),
                revision == 1);
    }

    static List<ProjectMember> annotators(String... userIds) {
        List<ProjectMember> members = new ArrayList<>();
        for (String userId : userIds) {
            members.add(new ProjectMember(userId, ProjectRole.ANNOTATOR, false));
        }
        return members;
    }

    static ItemIngested item(UUID projectId, ItemKind kind, boolean pilot, boolean qualification) {
        UUID itemId = UUID.randomUUID();
        JsonNode data = EventCodec.mapper().valueToTree(Map.of("text", "sentence " + itemId));
        return new ItemIngested(itemId, projectId, "ext-" + itemId, kind, pilot, qualification, data, null,
                "hash-" + itemId, 2, Instant.now());
    }

    static ItemIngested regular(UUID projectId) {
        return item(projectId, ItemKind.REGULAR, false, false);
    }

    /** A regular item with its own overlap (null: the project's), reserved for {@code assignees}. */
    static ItemIngested regular(UUID projectId, Integer annotatorsPerItem, String... assignees) {
        ItemIngested item = regular(projectId);
        return new ItemIngested(item.itemId(), projectId, item.externalId(), item.kind(), false, false, item.data(),
                null, item.contentHash(), item.schemaVersion(), item.ingestedAt(), annotatorsPerItem,
                List.of(assignees));
    }

    static String token(String userId) {
        return DevTokens.mint(userId, "annotator");
    }

    static Response next(UUID projectId, String userId) {
        return given().auth().oauth2(token(userId)).when().post("/projects/{p}/tasks/next", projectId);
    }

    static void release(Response lease, String userId) {
        given().auth().oauth2(token(userId)).contentType("application/json").body("{\"reason\":\"not for me\"}")
                .post("/assignments/{a}/release", lease.<String>path("assignmentId"))
                .then().statusCode(204);
    }

    /** Asks for tasks until there is none; returns the items leased, in order. */
    static List<String> drain(UUID projectId, String userId) {
        List<String> items = new ArrayList<>();
        Response response = next(projectId, userId);
        while (response.statusCode() == 200) {
            items.add(response.path("itemId"));
            response = next(projectId, userId);
        }
        response.then().statusCode(204);
        return items;
    }

    static AnnotationSubmitted submission(Response lease, String userId) {
        return new AnnotationSubmitted(UUID.randomUUID(), UUID.fromString(lease.path("assignmentId")),
                UUID.fromString(lease.path("itemId")), UUID.fromString(lease.path("projectId")), userId,
                EventCodec.mapper().valueToTree(Map.of("choice", "positive")), null, 1200, 2, 7, 0, Instant.now());
    }

    /** Waits until the service stored {@code count} claimable items of the project (project and items applied). */
    static void awaitPool(AgroalDataSource dataSource, UUID projectId, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> queryInt(dataSource,
                "select count(*) from pool_item where project_id = ? and (required is not null or kind = 'GOLD' or pilot)",
                projectId) >= count);
    }

    static int queryInt(AgroalDataSource dataSource, String sql, UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    /** A consumer of its own group that reads the topics it subscribes to from the start. */
    static KafkaConsumer<String, String> readerFromStart() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }

    /** Reads a topic from the start until an envelope matching {@code match} appears. */
    static EventEnvelope awaitEvent(String topic, Predicate<EventEnvelope> match) {
        try (KafkaConsumer<String, String> consumer = readerFromStart()) {
            consumer.subscribe(List.of(topic));
            List<EventEnvelope> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        continue;
                    }
                    EventEnvelope envelope = EventCodec.read(record.value());
                    if (match.test(envelope)) {
                        found.add(envelope);
                    }
                }
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }

    /** Reads a topic from the start until a record with {@code key} appears; answers its value. */
    static String awaitKey(String topic, String key) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = readerFromStart()) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        values.add(record.value());
                    }
                }
                return !values.isEmpty();
            });
        }
        return values.get(0);
    }
}
