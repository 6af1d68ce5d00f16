package io.labelstream.learning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventPayload;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.DecidedBy;
import io.labelstream.contracts.events.GoldLabel;
import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.events.ItemKind;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.project.Guidelines;
import io.labelstream.contracts.project.LabelDefinition;
import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.LearningPolicy;
import io.labelstream.contracts.project.ProjectMember;
import io.labelstream.contracts.project.ProjectPolicies;
import io.labelstream.contracts.project.ProjectRole;
import io.labelstream.contracts.project.ProjectState;
import io.labelstream.contracts.project.TaskType;
import io.labelstream.devstack.DevTokens;
import io.labelstream.platform.security.Roles;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Publishes the events the learner consumes, keyed as the contracts say, and sets up projects. */
final class Fixtures {

    private static KafkaProducer<String, String> producer;

    private Fixtures() {
    }

    static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties properties = new Properties();
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            producer = new KafkaProducer<>(properties);
        }
        return producer;
    }

    static void send(String topic, EventPayload payload) {
        sendRaw(topic, payload.key(), EventCodec.write(EventCodec.envelope(payload, Clock.systemUTC())));
    }

    static void sendRaw(String topic, String key, String value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("test record could not be sent to " + topic, e);
        }
    }

    record Project(UUID id, String reviewer, String manager, String annotator) {

        String reviewerToken() {
            return DevTokens.mint(reviewer, Roles.REVIEWER);
        }

        String managerToken() {
            return DevTokens.mint(manager, Roles.MANAGER);
        }

        String annotatorToken() {
            return DevTokens.mint(annotator, Roles.ANNOTATOR);
        }
    }

    static ProjectPolicies policies(LearningPolicy learning) {
        ProjectPolicies d = ProjectPolicies.defaults();
        return new ProjectPolicies(d.annotatorsPerItem(), d.maxAnnotatorsPerItem(), d.goldRate(), d.qualificationItems(),
                d.qualificationMinAccuracy(), d.quarantineAccuracy(), d.autoAcceptConfidence(), d.spotCheckRate(),
                d.targetAgreement(), d.leaseSeconds(), d.revisionGraceSeconds(), d.modelAssisted(), d.contentHashDedup(),
                d.hourlyRate(), d.weight(), d.aggregation(), d.calibrationTargetKappa(), d.calibrationMinItems(), learning);
    }

    /** Defines a project of {@code taskType} with labels spam and ham, and waits until it is applied. */
    static Project project(TaskType taskType, LearningPolicy learning) {
        return project(UUID.randomUUID(), taskType, learning);
    }

    /** Defines the project of this id, whose items may have been sent before it, and waits until it is applied. */
    static Project project(UUID projectId, TaskType taskType, LearningPolicy learning) {
        String suffix = projectId.toString().substring(0, 8);
        Project project = new Project(projectId, "rev-" + suffix, "mgr-" + suffix, "ann-" + suffix);
        List<ProjectMember> members = List.of(
                new ProjectMember(project.reviewer(), ProjectRole.REVIEWER, false),
                new ProjectMember(project.manager(), ProjectRole.MANAGER, false),
                new ProjectMember(project.annotator(), ProjectRole.ANNOTATOR, false));
        LabelingSchema schema = new LabelingSchema(taskType,
                List.of(new LabelDefinition("spam", null, null), new LabelDefinition("ham", null, null)), null);
        send(Topics.PROJECTS, new ProjectEvent(projectId, "project " + suffix, null, ProjectState.ACTIVE, 1, 1, schema,
                new Guidelines(1, "spam or not", List.of(), List.of()), policies(learning), members, Instant.now(), true));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(project.reviewerToken())
                .get("/projects/{p}/models", projectId).then().statusCode(200));
        return project;
    }

    static UUID item(UUID projectId, String text) {
        return item(projectId, UUID.randomUUID(), text);
    }

    static UUID item(UUID projectId, UUID itemId, String text) {
        return item(projectId, itemId, "text", text);
    }

    /** An item whose data holds its text in {@code field}. */
    static UUID item(UUID projectId, UUID itemId, String field, String text) {
        ObjectNode data = EventCodec.mapper().createObjectNode().put(field, text);
        send(Topics.ITEMS, new ItemIngested(itemId, projectId, "ext-" + itemId, ItemKind.REGULAR, false, false, data, null,
                "hash-" + itemId, 1, Instant.now()));
        return itemId;
    }

    static JsonNode choice(String label) {
        return EventCodec.mapper().createObjectNode().put("choice", label);
    }

    static void gold(UUID projectId, UUID itemId, String label, int version) {
        send(Topics.GOLD, new GoldLabel(itemId, projectId, "ext-" + itemId, choice(label), version, DecidedBy.REVIEWER,
                "rev", 1.0, List.of(), 1, 1, Instant.now(), null));
    }

    /** A gold label a model decided (pre-labelling). */
    static void modelGold(UUID projectId, UUID itemId, String label) {
        send(Topics.GOLD, new GoldLabel(itemId, projectId, "ext-" + itemId, choice(label), 1, DecidedBy.MODEL,
                null, 0.99, List.of(), 1, 1, Instant.now(), "labelstream-linear:" + projectId + ":v1"));
    }

    static void tombstone(UUID itemId) {
        sendRaw(Topics.GOLD, itemId.toString(), null);
    }

    static final String[] SPAM = {"win a free prize now", "free entry call now to claim", "claim your cash prize txt win",
            "urgent you won a free holiday call", "txt to win free tickets now", "cash prize waiting claim now",
            "free ringtone txt now to claim", "you have won cash call now"};
    static final String[] HAM = {"see you at lunch tomorrow", "are we still meeting tonight", "i will call you later ok",
            "thanks for dinner it was lovely", "running late be there soon", "can you pick up milk on the way",
            "how was your day at work", "lets watch a film tonight"};
}
