package io.labelstream.systemtests;

import io.labelstream.contracts.events.GoldLabel;
import io.labelstream.devstack.demo.StackClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A span (NER) project and a preference project, each from definition to gold. */
class StructuredTasksEndToEndTest {

    private final Platform platform = new Platform();

    @Test
    void agreedSpansBecomeGold() {
        UUID projectId = platform.activeProject(
                Map.of("taskType", "SPANS", "labels", List.of(Map.of("name", "PER"), Map.of("name", "LOC")),
                        "constraints", Map.of("allowOverlap", false)),
                Map.of("annotatorsPerItem", 2, "maxAnnotatorsPerItem", 2, "goldRate", 0.0, "spotCheckRate", 0.0,
                        "autoAcceptConfidence", 0.5, "targetAgreement", 0.5),
                List.of("alice", "bob"));
        UUID item = platform.ingest(projectId, List.of(Map.of("externalId", "sentence-1",
                "data", Map.of("text", "Alice met Bob in Paris.")))).get(0);
        Map<String, Object> spans = Map.of("spans", List.of(
                Map.of("start", 0, "end", 5, "label", "PER", "text", "Alice"),
                Map.of("start", 17, "end", 22, "label", "LOC", "text", "Paris")));

        for (String annotator : List.of("alice", "bob")) {
            platform.submit(annotator, leaseOf(annotator, projectId), spans);
        }

        GoldLabel gold = awaitGold(projectId, item);
        assertThat(gold.label().path("spans")).hasSize(2);
        assertThat(gold.label().path("spans").get(0).path("label").asText()).isEqualTo("PER");
        assertThat(gold.label().path("spans").get(1).path("start").asInt()).isEqualTo(17);
    }

    @Test
    void aSharedPreferenceBecomesGold() {
        UUID projectId = platform.activeProject(
                Map.of("taskType", "PREFERENCE"),
                Map.of("annotatorsPerItem", 2, "maxAnnotatorsPerItem", 2, "goldRate", 0.0, "spotCheckRate", 0.0,
                        "autoAcceptConfidence", 0.5, "targetAgreement", 0.5),
                List.of("alice", "bob"));
        UUID item = platform.ingest(projectId, List.of(Map.of("externalId", "pair-1",
                "data", Map.of("prompt", "Which answer is kinder?", "candidates", List.of(
                        Map.of("id", "a", "text", "Happy to help!"), Map.of("id", "b", "text", "Read the manual."))))))
                .get(0);

        for (String annotator : List.of("alice", "bob")) {
            platform.submit(annotator, leaseOf(annotator, projectId), Map.of("preferred", "a"));
        }

        assertThat(awaitGold(projectId, item).label().path("preferred").asText()).isEqualTo("a");
    }

    private GoldLabel awaitGold(UUID projectId, UUID item) {
        return await().atMost(Duration.ofMinutes(2))
                .until(() -> platform.gold(projectId).get(item), gold -> gold != null);
    }

    private StackClient.Lease leaseOf(String annotator, UUID projectId) {
        return await().atMost(Duration.ofMinutes(1))
                .until(() -> platform.next(annotator, projectId), next -> next.lease().isPresent())
                .lease().orElseThrow();
    }
}
