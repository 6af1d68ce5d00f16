package io.labelstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.devstack.LocalStack;
import io.labelstream.devstack.demo.StackClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * learning-service is killed (kill -9) after it trained a project's models and started again: the fresh
 * process lists the same versions and predicts with the latest, without a training in between.
 */
class ModelRestartTest {

    private static final int ITEMS = 8;
    private static final String LEARNER = "learning-service";

    private final Platform platform = new Platform();

    @Test
    void trainedModelsSurviveARestartOfTheLearner() throws Exception {
        UUID projectId = platform.activeProject(
                Map.of("taskType", "SINGLE_LABEL", "labels", List.of(Map.of("name", "ham"), Map.of("name", "spam"))),
                Map.of("annotatorsPerItem", 1, "maxAnnotatorsPerItem", 1, "goldRate", 0.0, "spotCheckRate", 0.0,
                        "autoAcceptConfidence", 0.5, "targetAgreement", 0.5, "aggregation", "MAJORITY",
                        // a training after every gold label: whatever the timing, the last one sees all of them
                        "learning", Map.of("strategy", "UNCERTAINTY", "seedItems", 4, "retrainEvery", 1)),
                List.of("alice"));
        platform.ingest(projectId, IntStream.range(0, ITEMS)
                .mapToObj(i -> Map.<String, Object>of("externalId", "sms-" + i, "data", Map.of("text", message(i))))
                .toList());
        for (int labelled = 0; labelled < ITEMS; labelled++) {
            StackClient.Lease lease = await().atMost(Duration.ofSeconds(60))
                    .until(() -> platform.next("alice", projectId), n -> n.lease().isPresent()).lease().get();
            String text = lease.data().path("text").asText();
            platform.submit("alice", lease, Map.of("choice", text.startsWith("WIN") ? "spam" : "ham"));
        }
        // the last training is the one that saw every gold label
        JsonNode before = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> models(projectId), m -> m.size() > 0 && m.get(0).get("trainingLabels").asInt() == ITEMS);

        LocalStack stack = RunningStack.get();
        stack.kill(LEARNER);
        stack.restart(LEARNER);

        JsonNode after = await().atMost(Duration.ofMinutes(1)).ignoreExceptions()
                .until(() -> models(projectId), m -> m.size() > 0);
        assertThat(after).isEqualTo(before);
        var predicted = platform.call(LEARNER, "POST", "/projects/" + projectId + "/models/latest/predict",
                manager(), Map.of("items", List.of(Map.of("data", Map.of("text", "WIN a free prize now")))));
        assertThat(predicted.statusCode()).isEqualTo(200);
        assertThat(predicted.body()).contains(before.get(0).get("modelId").asText());
    }

    private JsonNode models(UUID projectId) {
        return platform.client.get(LEARNER, "/projects/" + projectId + "/models", manager());
    }

    private String manager() {
        return platform.token("mona", "manager");
    }

    private static String message(int i) {
        return i % 2 == 0 ? "WIN cash prize " + i + " call now" : "see you at lunch " + i + " ok";
    }
}
