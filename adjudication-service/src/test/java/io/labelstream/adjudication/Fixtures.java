package io.labelstream.adjudication;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventPayload;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.ItemAssessed;
import io.labelstream.contracts.events.ItemDecision;
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

/** Publishes the events adjudication consumes, keyed as the contracts say, and sets up projects. */
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

    static String token(String userId, String... roles) {
        return DevTokens.mint(userId, roles);
    }

    static String reviewer(String userId) {
        return token(userId, Roles.REVIEWER);
    }

    /** A project as adjudication sees it once it has applied the event. */
    record Project(UUID id, String reviewer, String manager, String annotator) {

        String reviewerToken() {
            return Fixtures.reviewer(reviewer);
        }
    }

    static ProjectPolicies policies(double autoAcceptConfidence, double spotCheckRate) {
        ProjectPolicies d = ProjectPolicies.defaults();
        return new ProjectPolicies(d.annotatorsPerItem(), d.maxAnnotatorsPerItem(), d.goldRate(), d.qualificationItems(),
                d.qualificationMinAccuracy(), d.quarantineAccuracy(), autoAcceptConfidence, spotCheckRate,
                d.targetAgreement(), d.leaseSeconds(), d.revisionGraceSeconds(), d.modelAssisted(), d.contentHashDedup(),
                d.hourlyRate(), d.weight(), d.aggregation());
    }

    /** Defines a single-label project with one reviewer, manager and annotator, and waits until it is applied. */
    static Project project(double autoAcceptConfidence, double spotCheckRate, String... extraReviewers) {
        return project(UUID.randomUUID(), autoAcceptConfidence, spotCheckRate, extraReviewers);
    }

    static Project project(UUID projectId, double autoAcceptConfidence, double spotCheckRate, String... extraReviewers) {
        return project(projectId, policies(autoAcceptConfidence, spotCheckRate), extraReviewers);
    }

    /** A project whose model may pre-label its items under {@code autoLabel}. */
    static Project projectWithAutoLabel(LearningPolicy.AutoLabel autoLabel) {
        ProjectPolicies p = policies(0.8, 0.0);
        return project(UUID.randomUUID(), new ProjectPolicies(p.annotatorsPerItem(), p.maxAnnotatorsPerItem(), p.goldRate(),
                p.qualificationItems(), p.qualificationMinAccuracy(), p.quarantineAccuracy(), p.autoAcceptConfidence(),
                p.spotCheckRate(), p.targetAgreement(), p.leaseSeconds(), p.revisionGraceSeconds(), p.modelAssisted(),
                p.contentHashDedup(), p.hourlyRate(), p.weight(), p.aggregation(), null, null,
                new LearningPolicy(LearningPolicy.Strategy.UNCERTAINTY, null, null, autoLabel, null)));
    }

    static Project project(UUID projectId, ProjectPolicies policies, String... extraReviewers) {
        String suffix = projectId.toString().substring(0, 8);
        Project project = new Project(projectId, "rev-" + suffix, "mgr-" + suffix, "ann-" + suffix);
        List<ProjectMember> members = new java.util.ArrayList<>(List.of(
                new ProjectMember(project.reviewer(), ProjectRole.REVIEWER, false),
                new ProjectMember(project.manager(), ProjectRole.MANAGER, false),
                new ProjectMember(project.annotator(), ProjectRole.ANNOTATOR, false)));
        for (String extra : extraReviewers) {
            members.add(new ProjectMember(extra, ProjectRole.REVIEWER, false));
        }
        LabelingSchema schema = new LabelingSchema(TaskType.SINGLE_LABEL,
                List.of(new LabelDefinition("pos", null, null), new LabelDefinition("neg", null, null)), null);
        send(Topics.PROJECTS, new ProjectEvent(projectId, "project " + suffix, null, ProjectState.ACTIVE, 1, 1, schema,
                new Guidelines(3, "label the sentiment", List.of(), List.of()),
                policies, members, Instant.now(), true));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(project.reviewerToken())
                .get("/projects/{p}/overturns", projectId).then().statusCode(200));
        return project;
    }

    static JsonNode choice(String label) {
        ObjectNode node = EventCodec.mapper().createObjectNode();
        node.put("choice", label);
        return node;
    }

    static UUID item(UUID projectId, String externalId) {
        UUID itemId = UUID.randomUUID();
        ObjectNode data = EventCodec.mapper().createObjectNode().put("text", "text of " + externalId);
        send(Topics.ITEMS, new ItemIngested(itemId, projectId, externalId, ItemKind.REGULAR, false, false, data, null,
                "hash-" + itemId, 1, Instant.now()));
        return itemId;
    }

    static UUID annotation(UUID projectId, UUID itemId, String annotatorId, String label) {
        UUID annotationId = UUID.randomUUID();
        send(Topics.ANNOTATIONS, new AnnotationSubmitted(annotationId, UUID.randomUUID(), itemId, projectId, annotatorId,
                choice(label), null, 1200, 1, 3, 0, Instant.now()));
        return annotationId;
    }

    static void assessed(UUID projectId, UUID itemId, ItemDecision decision, String label, double confidence,
                         List<UUID> annotationIds) {
        send(Topics.ITEM_QUALITY, new ItemAssessed(itemId, projectId, decision, label == null ? null : choice(label),
                confidence, 0.7, "DAWID_SKENE", annotationIds.size(), annotationIds, 1, Instant.now()));
    }
}
