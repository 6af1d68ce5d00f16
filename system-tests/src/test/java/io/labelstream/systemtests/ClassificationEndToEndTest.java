package io.labelstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.events.DecidedBy;
import io.labelstream.contracts.events.GoldLabel;
import io.labelstream.devstack.demo.StackClient;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A classification project from definition to gold: annotators pull and label, quality decides,
 * consensus items become gold, disputed ones are adjudicated by a reviewer, and a fresh consumer of
 * the gold topic sees exactly one current label per item.
 */
class ClassificationEndToEndTest {

    private static final List<String> ANNOTATORS = List.of("alice", "bob", "carol");

    private final Platform platform = new Platform();

    @Test
    void agreedItemsBecomeGoldByConsensusAndDisputedOnesByReview() throws Exception {
        UUID projectId = platform.activeProject(
                Map.of("taskType", "SINGLE_LABEL", "labels", List.of(Map.of("name", "cat"), Map.of("name", "dog"))),
                Map.of("annotatorsPerItem", 3, "maxAnnotatorsPerItem", 3, "goldRate", 0.0, "spotCheckRate", 0.0,
                        "autoAcceptConfidence", 0.9, "targetAgreement", 0.9, "aggregation", "MAJORITY"),
                ANNOTATORS);
        List<UUID> items = platform.ingest(projectId, IntStream.range(0, 6)
                .mapToObj(i -> Map.<String, Object>of("externalId", "pet-" + i, "data", Map.of("text", "pet " + i)))
                .toList());
        Map<UUID, Integer> index = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            index.put(items.get(i), i);
        }

        // items 0..3: everyone says cat; items 4..5: carol says dog
        for (String annotator : ANNOTATORS) {
            int labelled = 0;
            while (labelled < items.size()) {
                StackClient.NextTask next = await().atMost(Duration.ofSeconds(60))
                        .until(() -> platform.next(annotator, projectId), n -> n.lease().isPresent());
                StackClient.Lease lease = next.lease().get();
                int item = index.get(lease.itemId());
                String choice = item >= 4 && annotator.equals("carol") ? "dog" : "cat";
                platform.submit(annotator, lease, Map.of("choice", choice));
                labelled++;
            }
            assertThat(platform.next(annotator, projectId).lease()).as("%s has labelled every item", annotator).isEmpty();
        }

        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            Map<UUID, GoldLabel> gold = platform.gold(projectId);
            for (UUID agreed : items.subList(0, 4)) {
                assertThat(gold).containsKey(agreed);
                assertThat(gold.get(agreed).decidedBy()).isEqualTo(DecidedBy.CONSENSUS);
                assertThat(gold.get(agreed).label().path("choice").asText()).isEqualTo("cat");
            }
        });
        assertThat(platform.gold(projectId)).doesNotContainKeys(items.get(4), items.get(5));

        String reviewer = platform.token("rita", "reviewer");
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> leased = await().atMost(Duration.ofMinutes(1)).until(() -> platform.call(
                    "adjudication-service", "POST", "/projects/" + projectId + "/reviews/lease", reviewer, null),
                    response -> response.statusCode() == 200);
            JsonNode review = EventCodec.mapper().readTree(leased.body());
            String itemId = review.path("itemId").asText(review.path("item").path("itemId").asText());
            assertThat(UUID.fromString(itemId)).isIn(items.get(4), items.get(5));
            assertThat(review.toString()).as("the reviewer sees every annotation").contains("dog").contains("cat");
            HttpResponse<String> decided = platform.call("adjudication-service", "POST",
                    "/projects/" + projectId + "/reviews/" + itemId + "/decision", reviewer,
                    Map.of("leaseId", review.path("lease").path("leaseId").asText(), "label", Map.of("choice", "dog"),
                            "note", "the whiskers say dog"));
            assertThat(decided.statusCode()).as(decided.body()).isBetween(200, 201);
        }

        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            Map<UUID, GoldLabel> gold = platform.gold(projectId);
            assertThat(gold.keySet()).containsExactlyInAnyOrderElementsOf(items);
            assertThat(gold.get(items.get(4)).decidedBy()).isEqualTo(DecidedBy.REVIEWER);
            assertThat(gold.get(items.get(4)).label().path("choice").asText()).isEqualTo("dog");
        });
    }
}
