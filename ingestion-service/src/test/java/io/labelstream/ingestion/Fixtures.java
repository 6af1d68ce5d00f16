package io.labelstream.ingestion;

import io.labelstream.devstack.DevTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Tokens, projects and topic readers shared by the tests; every call uses fresh ids. */
final class Fixtures {

    private Fixtures() {
    }

    static String user(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    static RequestSpecification as(String userId, String... roles) {
        return given().auth().oauth2(DevTokens.mint(userId, roles)).contentType(ContentType.JSON);
    }

    static String singleLabelProject(String manager) {
        return createProject(manager, """
                {"name": "sentiment", "schema": {"taskType": "SINGLE_LABEL",
                  "labels": [{"name": "positive"}, {"name": "negative"}]}}""");
    }

    static String createProject(String manager, String body) {
        return as(manager, "manager").body(body).post("/projects")
                .then().statusCode(201).extract().path("projectId");
    }

    /** Makes {@code ingestor} an INGESTOR member of the project, keeping its other members. */
    static void addIngestor(String manager, String projectId, String ingestor) {
        List<Map<String, Object>> members = new ArrayList<>(as(manager, "manager").get("/projects/" + projectId)
                .then().statusCode(200).extract().jsonPath().getList("members"));
        members.add(Map.of("userId", ingestor, "role", "INGESTOR"));
        as(manager, "manager").body(Map.of("members", members)).patch("/projects/" + projectId)
                .then().statusCode(200);
    }

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** Reads {@code topic} from the start until records matching {@code wanted} appear. */
    static List<ConsumerRecord<String, String>> awaitRecords(String topic, Predicate<ConsumerRecord<String, String>> wanted,
                                                            int count) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.value() != null && wanted.test(r)) {
                        found.add(r);
                    }
                });
                return found.size() >= count;
            });
        }
        return found;
    }
}
