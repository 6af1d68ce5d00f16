package io.labelstream.systemtests;

import io.labelstream.devstack.demo.StackClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two annotators disagree on an item: quality asks for more labels (the cap allows a third, and the
 * project sets no agreement floor that would dispute it at once) and a third annotator receives it.
 */
class DynamicOverlapTest {

    private final Platform platform = new Platform();

    @Test
    void aDisagreedItemReceivesAnExtraAnnotator() {
        UUID projectId = platform.activeProject(
                Map.of("taskType", "SINGLE_LABEL", "labels", List.of(Map.of("name", "cat"), Map.of("name", "dog"))),
                Map.of("annotatorsPerItem", 2, "maxAnnotatorsPerItem", 3, "goldRate", 0.0,
                        "autoAcceptConfidence", 0.6, "targetAgreement", 0.0, "aggregation", "MAJORITY"),
                List.of("alice", "bob", "carol"));
        UUID item = platform.ingest(projectId, List.of(Map.of("externalId", "pet", "data", Map.of("text", "a pet"))))
                .get(0);

        platform.submit("alice", leaseOf("alice", projectId, item), Map.of("choice", "cat"));
        platform.submit("bob", leaseOf("bob", projectId, item), Map.of("choice", "dog"));

        StackClient.Lease third = leaseOf("carol", projectId, item);
        assertThat(third.itemId()).isEqualTo(item);
    }

    private StackClient.Lease leaseOf(String annotator, UUID projectId, UUID item) {
        return await().atMost(Duration.ofMinutes(1))
                .until(() -> platform.next(annotator, projectId), next -> next.lease().isPresent())
                .lease().orElseThrow();
    }
}
