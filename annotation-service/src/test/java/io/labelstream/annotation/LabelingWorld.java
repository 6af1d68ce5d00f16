package io.labelstream.annotation;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventPayload;
import io.labelstream.contracts.Topics;
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
import io.labelstream.contracts.project.SchemaConstraints;
import io.labelstream.contracts.project.TaskType;
import io.labelstream.devstack.DevTokens;
import io.labelstream.platform.security.Roles;
import io.labelstream.platform.token.AssignmentToken;
import io.labelstream.platform.token.AssignmentTokenCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * Builds what a submission needs the way production does: a project on labeling.projects, items on
 * labeling.items, and assignment tokens signed with the shared key, as assignment-service signs them.
 */
final class LabelingWorld {

    static final String TOKEN_HEADER = "Labelstream-Assignment-Token";

    private LabelingWorld() {
    }

    /** A project with one annotator, one reviewer and one manager of fresh ids. */
    record Project(UUID id, int schemaVersion, String annotator, String otherAnnotator, String reviewer,
                   String manager) {

        String annotatorBearer() {
            return DevTokens.mint(annotator, Roles.ANNOTATOR);
        }

        String otherAnnotatorBearer() {
            return DevTokens.mint(otherAnnotator, Roles.ANNOTATOR);
        }

        String reviewerBearer() {
            return DevTokens.mint(reviewer, Roles.REVIEWER);
        }
    }

    static LabelingSchema schema(TaskType type, SchemaConstraints constraints, String... labels) {
        return new LabelingSchema(type, List.of(labels).stream().map(l -> new LabelDefinition(l, null, null)).toList(),
                constraints);
    }

    static Project defineProject(LabelingSchema schema, ProjectPolicies policies) {
        return defineProject(UUID.randomUUID(), 1, 1, schema, policies);
    }

    static Project defineProject(UUID projectId, int schemaVersion, long revision, LabelingSchema schema,
                                 ProjectPolicies policies) {
        String suffix = projectId.toString().substring(0, 8);
        Project project = new Project(projectId, schemaVersion, "ann-" + suffix, "ann2-" + suffix, "rev-" + suffix,
                "mgr-" + suffix);
        List<ProjectMember> members = List.of(new ProjectMember(project.annotator(), ProjectRole.ANNOTATOR, false),
                new ProjectMember(project.otherAnnotator(), ProjectRole.ANNOTATOR, false),
                new ProjectMember(project.reviewer(), ProjectRole.REVIEWER, false),
                new ProjectMember(project.manager(), ProjectRole.MANAGER, false));
        send(Topics.PROJECTS, new ProjectEvent(projectId, "project " + suffix, null, ProjectState.ACTIVE,
                schemaVersion, revision, schema, new Guidelines(7, "label carefully", List.of(), List.of()), policies,
                members, Instant.now(), revision == 1));
        return project;
    }

    static ProjectPolicies policies(int revisionGraceSeconds, boolean modelAssisted) {
        ProjectPolicies d = ProjectPolicies.defaults();
        return new ProjectPolicies(d.annotatorsPerItem(), d.maxAnnotatorsPerItem(), d.goldRate(),
                d.qualificationItems(), d.qualificationMinAccuracy(), d.quarantineAccuracy(),
                d.autoAcceptConfidence(), d.spotCheckRate(), d.targetAgreement(), d.leaseSeconds(),
                revisionGraceSeconds, modelAssisted, d.contentHashDedup(), d.hourlyRate(), d.weight(), d.aggregation());
    }

    /** Publishes an item and waits until the service has it and the project (a reviewer can list it). */
    static UUID ingestItem(Project project, JsonNode data) {
        UUID itemId = UUID.randomUUID();
        send(Topics.ITEMS, new ItemIngested(itemId, project.id(), "ext-" + itemId, ItemKind.REGULAR, false, false,
                data, null, "hash-" + itemId, project.schemaVersion(), Instant.now()));
        await().atMost(Duration.ofSeconds(60)).until(() -> given().auth().oauth2(project.reviewerBearer())
                .get("/items/{id}/annotations", itemId).statusCode() == 200);
        return itemId;
    }

    static JsonNode json(String json) {
        try {
            return EventCodec.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    static AssignmentTokenCodec codec() {
        String key = ConfigProvider.getConfig().getValue("labelstream.assignment-token.key", String.class);
        return new AssignmentTokenCodec(Base64.getDecoder().decode(key));
    }

    /** A live lease: leased a minute ago, expiring in an hour. */
    static AssignmentToken lease(Project project, UUID itemId, String annotator) {
        Instant now = Instant.now();
        return new AssignmentToken(UUID.randomUUID(), itemId, project.id(), annotator, project.schemaVersion(),
                now.minusSeconds(60), now.plusSeconds(3600));
    }

    static String sign(AssignmentToken token) {
        return codec().sign(token);
    }

    static void send(String topic, EventPayload payload) {
        sendRaw(topic, payload.key(), EventCodec.write(EventCodec.envelope(payload, Clock.systemUTC())));
    }

    static void sendRaw(String topic, String key, String value) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    /** Every record of {@code topic} with {@code key}, read from the start by a fresh consumer. */
    static List<ConsumerRecord<String, String>> recordsWithKey(String topic, String key) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            consumer.subscribe(List.of(topic));
            int emptyPolls = 0;
            while (emptyPolls < 3 || consumer.assignment().isEmpty()) {
                var batch = consumer.poll(Duration.ofMillis(300));
                if (batch.isEmpty()) {
                    emptyPolls++;
                    if (emptyPolls > 30) {
                        break;
                    }
                } else {
                    emptyPolls = 0;
                    batch.forEach(r -> {
                        if (key.equals(r.key())) {
                            found.add(r);
                        }
                    });
                }
            }
        }
        return found;
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
