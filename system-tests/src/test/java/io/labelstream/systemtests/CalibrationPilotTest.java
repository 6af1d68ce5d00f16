package io.labelstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.EventCodec;
import io.labelstream.devstack.demo.StackClient;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The pilot story: three pilot annotators label 30 pilot items and agree with kappa 0.6, below the project's 0.8,
 * so the project cannot go ACTIVE; the guidelines are revised, 30 new pilot items are labelled with kappa above
 * 0.8, the pilot passes under the new version and the project goes ACTIVE. Another project goes ACTIVE by override.
 */
class CalibrationPilotTest {

    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final List<String> SENTIMENTS = List.of("pos", "neg", "neu");
    private static final List<String> PILOT_ANNOTATORS = List.of("ann", "bea", "cid");

    private final Platform platform = new Platform();

    @Test
    void aPilotThatFailsIsRevisedPassesAndOpensTheProject() {
        String manager = platform.token("mona", "manager");
        UUID projectId = pilotProject();

        // the second and third annotators each take the next category on a fifth of the items: kappa 0.6
        labelPilot(projectId, 1, i -> i % 5 == 0, i -> i % 5 == 2);
        JsonNode failed = awaitCalibration(projectId, 1, "FAILED");
        assertThat(failed.path("pilotItems").asInt()).isEqualTo(30);
        assertThat(failed.path("labels").asInt()).isEqualTo(90);
        assertThat(failed.path("meanCohenKappa").asDouble()).isCloseTo(0.6, within(1e-9));
        assertThat(failed.path("annotatorsBelowTarget").size()).isEqualTo(3);
        // quality publishes a verdict whenever it changes (already FAILED at 20 of the 30 items): wait for the last
        JsonNode refused = body(await().atMost(WAIT).until(() -> moveToActive(projectId, manager, null),
                r -> r.statusCode() == 409 && body(r).path("pilotItems").asInt() == 30));
        assertThat(refused.path("calibrationState").asText()).isEqualTo("FAILED");
        assertThat(refused.path("type").asText()).endsWith("calibration-not-passed");
        assertThat(refused.path("measuredKappa").asDouble()).isCloseTo(0.6, within(1e-9));
        assertThat(refused.path("targetKappa").asDouble()).isEqualTo(0.8);

        HttpResponse<String> revised = platform.call("ingestion-service", "PATCH", "/projects/" + projectId, manager,
                Map.of("guidelines", Map.of("text", "Sarcasm is negative; a question without opinion is neutral.")));
        assertThat(revised.statusCode()).isEqualTo(200);
        awaitCalibration(projectId, 2, "PENDING");

        labelPilot(projectId, 2, i -> i == 20, i -> i == 7);
        JsonNode passed = awaitCalibration(projectId, 2, "PASSED");
        assertThat(passed.path("meanCohenKappa").asDouble()).isGreaterThanOrEqualTo(0.8);
        JsonNode versions = passed.path("byGuidelineVersion");
        assertThat(versions.size()).isEqualTo(2);
        assertThat(versions.get(0).path("guidelineVersion").asInt()).isEqualTo(1);
        assertThat(versions.get(0).path("state").asText()).isEqualTo("FAILED");
        assertThat(versions.get(1).path("guidelineVersion").asInt()).isEqualTo(2);
        assertThat(versions.get(1).path("state").asText()).isEqualTo("PASSED");
        assertThat(versions.get(1).path("pilotItems").asInt()).isEqualTo(30);

        HttpResponse<String> active = await().atMost(WAIT).until(() -> moveToActive(projectId, manager, null),
                r -> r.statusCode() == 200);
        assertThat(body(active).path("state").asText()).isEqualTo("ACTIVE");
        assertThat(body(active).path("calibrationOverride").isNull()
                || body(active).path("calibrationOverride").isMissingNode()).as("no override needed").isTrue();
    }

    @Test
    void aManagerMayOverrideTheGateAndTheReasonIsKept() {
        String manager = platform.token("mona", "manager");
        UUID projectId = pilotProject();
        assertThat(moveToActive(projectId, manager, null).statusCode()).isEqualTo(409);

        HttpResponse<String> overridden = moveToActive(projectId, manager, "labelling must start today; pilot on Monday");
        assertThat(overridden.statusCode()).isEqualTo(200);
        JsonNode project = platform.client.get("ingestion-service", "/projects/" + projectId, manager);
        assertThat(project.path("state").asText()).isEqualTo("ACTIVE");
        assertThat(project.at("/calibrationOverride/reason").asText()).isEqualTo("labelling must start today; pilot on Monday");
        assertThat(project.at("/calibrationOverride/by").asText()).isEqualTo(platform.user("mona"));
    }

    @Test
    void annotatorsCannotReadTheReports() {
        UUID projectId = pilotProject();
        String annotator = platform.token("ann", "annotator");
        for (String report : List.of("agreement", "agreement/pairs", "calibration")) {
            assertThat(platform.call("quality-service", "GET", "/projects/" + projectId + "/quality/" + report,
                    annotator, null).statusCode()).as(report).isEqualTo(403);
        }
    }

    private UUID pilotProject() {
        List<Map<String, Object>> members = new ArrayList<>();
        PILOT_ANNOTATORS.forEach(a -> members.add(Map.of("userId", platform.user(a), "role", "ANNOTATOR", "pilot", true)));
        members.add(Map.of("userId", platform.user("rita"), "role", "REVIEWER"));
        // ivan's pipeline ingests the pilot items, as in every project of these tests
        members.add(Map.of("userId", platform.user("ivan"), "role", "INGESTOR"));
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("name", "pilot " + platform.suffix);
        draft.put("schema", Map.of("taskType", "SINGLE_LABEL",
                "labels", SENTIMENTS.stream().map(s -> Map.of("name", s)).toList()));
        draft.put("guidelines", Map.of("text", "Label the sentiment."));
        draft.put("policies", Map.of("annotatorsPerItem", 3, "calibrationTargetKappa", 0.8, "calibrationMinItems", 20));
        draft.put("members", members);
        String manager = platform.token("mona", "manager");
        UUID projectId = platform.client.createProject(manager, draft);
        platform.client.changeState(manager, projectId, "PILOT");
        return projectId;
    }

    /**
     * Ingests 30 pilot items and has each pilot annotator label every one: the first gives the item's category,
     * the second and third the next category where their predicate holds.
     */
    private void labelPilot(UUID projectId, int round, IntPredicate beaStrays, IntPredicate cidStrays) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            items.add(Map.of("externalId", "pilot-" + round + "-" + i, "data", Map.of("text", round + ":" + i),
                    "pilot", true));
        }
        platform.ingest(projectId, items);
        Map<String, IntPredicate> strays = Map.of("ann", i -> false, "bea", beaStrays, "cid", cidStrays);
        for (String annotator : PILOT_ANNOTATORS) {
            for (int n = 0; n < 30; n++) {
                StackClient.Lease lease = await().atMost(WAIT)
                        .until(() -> platform.next(annotator, projectId), next -> next.lease().isPresent())
                        .lease().orElseThrow();
                String[] text = lease.data().path("text").asText().split(":");
                assertThat(Integer.parseInt(text[0])).as("only this round's pilot items are left").isEqualTo(round);
                int i = Integer.parseInt(text[1]);
                String label = SENTIMENTS.get((i + (strays.get(annotator).test(i) ? 1 : 0)) % SENTIMENTS.size());
                platform.submit(annotator, lease, Map.of("choice", label));
            }
        }
    }

    /**
     * Waits for the report on all 90 labels of a pilot round: quality reaches a verdict before the last labels are
     * counted, and later labels keep updating it.
     */
    private JsonNode awaitCalibration(UUID projectId, int guidelineVersion, String state) {
        String reviewer = platform.token("rita", "reviewer");
        return await().atMost(WAIT).until(() -> {
            HttpResponse<String> response = platform.call("quality-service", "GET",
                    "/projects/" + projectId + "/quality/calibration", reviewer, null);
            return response.statusCode() == 200 ? body(response) : null;
        }, report -> report != null && report.path("guidelineVersion").asInt() == guidelineVersion
                && report.path("state").asText().equals(state)
                && (state.equals("PENDING") || report.path("labels").asInt() == 90));
    }

    private HttpResponse<String> moveToActive(UUID projectId, String manager, String override) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("state", "ACTIVE");
        if (override != null) {
            change.put("override", override);
        }
        return platform.call("ingestion-service", "POST", "/projects/" + projectId + "/state", manager, change);
    }

    private static JsonNode body(HttpResponse<String> response) {
        try {
            return EventCodec.mapper().readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + response.body(), e);
        }
    }
}
