package io.labelstream.systemtests;

import io.labelstream.devstack.demo.StackClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Gold and qualification: a careful annotator passes the qualification items and gets regular work; a
 * careless one (wrong answers) is quarantined and gets nothing more.
 */
class QualificationTest {

    private final Platform platform = new Platform();

    @Test
    void aCarelessAnnotatorIsQuarantinedAndACarefulOneQualifies() {
        UUID projectId = platform.activeProject(
                Map.of("taskType", "SINGLE_LABEL", "labels", List.of(Map.of("name", "cat"), Map.of("name", "dog"))),
                Map.of("annotatorsPerItem", 2, "maxAnnotatorsPerItem", 2, "goldRate", 0.0,
                        "qualificationItems", 2, "qualificationMinAccuracy", 1.0, "quarantineAccuracy", 0.5),
                List.of("alice", "mallory"));
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            items.add(Map.of("externalId", "qualify-" + i, "data", Map.of("text", "a cat " + i), "qualification", true,
                    "referenceAnswer", Map.of("choice", "cat")));
        }
        for (int i = 0; i < 3; i++) {
            items.add(Map.of("externalId", "work-" + i, "data", Map.of("text", "an animal " + i)));
        }
        List<UUID> ids = platform.ingest(projectId, items);
        List<UUID> qualificationItems = ids.subList(0, 2);

        for (int i = 0; i < 2; i++) {
            StackClient.Lease careful = leaseOf("alice", projectId);
            assertThat(careful.itemId()).as("a new annotator answers qualification items first").isIn(qualificationItems);
            platform.submit("alice", careful, Map.of("choice", "cat"));
            StackClient.Lease careless = leaseOf("mallory", projectId);
            assertThat(careless.itemId()).isIn(qualificationItems);
            platform.submit("mallory", careless, Map.of("choice", "dog"));
        }

        StackClient.Lease regular = leaseOf("alice", projectId);
        assertThat(regular.itemId()).isIn(ids.subList(2, 5));
        await().atMost(Duration.ofMinutes(1)).until(() -> "quarantined".equals(platform.next("mallory", projectId).reason()));
    }

    private StackClient.Lease leaseOf(String annotator, UUID projectId) {
        return await().atMost(Duration.ofMinutes(1))
                .until(() -> platform.next(annotator, projectId), next -> next.lease().isPresent())
                .lease().orElseThrow();
    }
}
