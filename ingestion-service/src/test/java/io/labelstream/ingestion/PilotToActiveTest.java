package io.labelstream.ingestion;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.CalibrationAssessed;
import io.labelstream.contracts.events.CalibrationState;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Clock;
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
import static org.hamcrest.Matchers.nullValue;

/** The move from PILOT to ACTIVE waits for a passed calibration under the current guidelines, or an override. */
@QuarkusTest
class PilotToActiveTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void activeIsRefusedUntilThePilotPassesUnderTheCurrentGuidelines() {
        String manager = user("manager");
        String projectId = pilotProject(manager, "{\"calibrationMinItems\": 20}");

        move(manager, projectId, "ACTIVE", null).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:labelstream:problem:calibration-not-passed"))
                .body("calibrationState", equalTo("PENDING"))
                .body("measuredKappa", nullValue())
                .body("targetKappa", equalTo(0.8f))
                .body("guidelineVersion", equalTo(1))
                .body("errors.field", hasItem("state"));

        verdict(projectId, 1, CalibrationState.FAILED, 30, 0.61, 0.8);
        await().atMost(WAIT).untilAsserted(() -> move(manager, projectId, "ACTIVE", null)
                .then().statusCode(409)
                .body("calibrationState", equalTo("FAILED"))
                .body("measuredKappa", equalTo(0.61f))
                .body("pilotItems", equalTo(30))
                .body("minItems", equalTo(20)));

        verdict(projectId, 1, CalibrationState.PASSED, 30, 0.85, 0.8);
        await().atMost(WAIT).untilAsserted(() -> assertThat(verdictKept(projectId, 1)).isEqualTo("PASSED"));
        as(manager, "manager").body("{\"guidelines\": {\"text\": \"revised: sarcasm is negative\"}}")
                .patch("/projects/" + projectId).then().statusCode(200).body("guidelines.version", equalTo(2));
        move(manager, projectId, "ACTIVE", null).then().statusCode(409)
                .body("guidelineVersion", equalTo(2))
                .body("calibrationState", equalTo("PENDING"));

        verdict(projectId, 2, CalibrationState.PASSED, 30, 0.84, 0.8);
        await().atMost(WAIT).untilAsserted(() -> move(manager, projectId, "ACTIVE", null)
                .then().statusCode(200).body("state", equalTo("ACTIVE")).body("calibrationOverride", nullValue()));
    }

    @Test
    void anOverrideIsKeptAndPublishedWithTheProject() {
        String manager = user("manager");
        String projectId = pilotProject(manager, "{}");
        move(manager, projectId, "ACTIVE", " ").then().statusCode(422).body("errors[0].field", equalTo("override"));

        move(manager, projectId, "ACTIVE", "deadline: the customer accepts kappa 0.7").then().statusCode(200)
                .body("state", equalTo("ACTIVE"))
                .body("calibrationOverride.reason", equalTo("deadline: the customer accepts kappa 0.7"))
                .body("calibrationOverride.by", equalTo(manager))
                .body("calibrationOverride.guidelineVersion", equalTo(1))
                .body("calibrationOverride.targetKappa", equalTo(0.8f));
        as(manager, "manager").get("/projects/" + projectId).then().statusCode(200)
                .body("calibrationOverride.reason", equalTo("deadline: the customer accepts kappa 0.7"));
        JsonNode published = EventCodec.mapper().valueToTree(EventCodec.read(Fixtures.awaitRecords(Topics.PROJECTS,
                r -> r.key().equals(projectId) && r.value().contains("calibrationOverride"), 1).get(0).value()));
        assertThat(published.at("/payload/state").asText()).isEqualTo("ACTIVE");
        assertThat(published.at("/payload/calibrationOverride/reason").asText()).startsWith("deadline");

        move(manager, projectId, "PAUSED", "no reason needed").then().statusCode(422)
                .body("errors[0].field", equalTo("override"));
    }

    @Test
    void aTargetOfZeroTurnsTheGateOffAndThePoliciesAreValidated() {
        String manager = user("manager");
        String projectId = pilotProject(manager, "{\"calibrationTargetKappa\": 0}");
        move(manager, projectId, "ACTIVE", null).then().statusCode(200).body("state", equalTo("ACTIVE"));

        as(manager, "manager").body("""
                {"name": "bad", "schema": {"taskType": "SINGLE_LABEL", "labels": [{"name": "a"}, {"name": "b"}]},
                 "policies": {"calibrationTargetKappa": 1.5, "calibrationMinItems": 0}}""")
                .post("/projects").then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("policies.calibrationTargetKappa"))
                .body("errors.field", hasItem("policies.calibrationMinItems"));
        as(manager, "manager").body("{\"name\": \"d\", \"schema\": {\"taskType\": \"SINGLE_LABEL\","
                        + " \"labels\": [{\"name\": \"a\"}]}}").post("/projects").then().statusCode(201)
                .body("policies.calibrationTargetKappa", equalTo(0.8f))
                .body("policies.calibrationMinItems", equalTo(20));
    }

    private static String pilotProject(String manager, String policies) {
        String projectId = Fixtures.createProject(manager, """
                {"name": "pilot", "schema": {"taskType": "SINGLE_LABEL",
                  "labels": [{"name": "positive"}, {"name": "negative"}]},
                 "policies": %s}""".formatted(policies));
        move(manager, projectId, "PILOT", null).then().statusCode(200);
        return projectId;
    }

    /** The state of the verdict kept for the project under the guideline version; null when none is. */
    private static String verdictKept(String projectId, int version) {
        AgroalDataSource dataSource = Arc.container().instance(AgroalDataSource.class).get();
        try (var connection = dataSource.getConnection();
             var select = connection.prepareStatement(
                     "select state from calibration_verdict where project_id = ? and guideline_version = ?")) {
            select.setObject(1, UUID.fromString(projectId));
            select.setInt(2, version);
            try (var row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void verdict(String projectId, int guidelineVersion, CalibrationState state, int items, Double kappa,
                                double target) {
        CalibrationAssessed verdict = new CalibrationAssessed(UUID.fromString(projectId), guidelineVersion, state,
                items, items * 3L, 3, kappa, target, 20, Instant.now());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Fixtures.bootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(Topics.PROJECT_QUALITY, projectId,
                    EventCodec.write(EventCodec.envelope(verdict, Clock.systemUTC())))).get();
        } catch (Exception e) {
            throw new IllegalStateException("verdict not sent", e);
        }
    }

    private static Response move(String manager, String projectId, String state, String override) {
        Map<String, Object> body = override == null ? Map.of("state", state) : Map.of("state", state, "override", override);
        return as(manager, "manager").body(body).post("/projects/" + projectId + "/state");
    }
}
