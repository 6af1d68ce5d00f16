package io.labelstream.systemtests;

import io.labelstream.contracts.events.GoldLabel;
import io.labelstream.devstack.DatasetsFolder;
import io.labelstream.devstack.demo.CrowdDataset;
import io.labelstream.devstack.demo.DatasetReplay;
import io.labelstream.quality.domain.inference.Annotation;
import io.labelstream.quality.domain.inference.MajorityVote;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Replays real crowd work (textual entailment, Snow et al. 2008): one simulated annotator per real
 * worker answers exactly as that worker did. The gold labels that come out of the platform must be
 * exactly what quality's majority vote computes offline on the same answers, item by item.
 */
class CrowdReplayTest {

    private static final int ITEMS = 40;

    private final Platform platform = new Platform();

    @Test
    void goldFromTheRunningPlatformEqualsTheOfflineComputation() throws Exception {
        // the crowd sets cannot be shipped with the repository: without the datasets folder there is nothing to replay
        DatasetsFolder datasets = DatasetsFolder.fromSystemProperty();
        assumeTrue(datasets.has("crowd/textual-entailment"), () -> "skipped: " + datasets.missing("crowd/textual-entailment"));
        CrowdDataset dataset = CrowdDataset.read(datasets.crowdDataset("textual-entailment")).firstItems(ITEMS);

        DatasetReplay.Outcome outcome = new DatasetReplay(platform.client, dataset, "MAJORITY", 32,
                Duration.ofMinutes(10)).run((done, total) -> { });

        assertThat(outcome.answers()).isEqualTo(dataset.answers().size());
        Map<UUID, GoldLabel> gold = await().atMost(Duration.ofMinutes(3))
                .until(() -> platform.gold(outcome.projectId()), g -> g.size() == ITEMS);

        Map<UUID, String> externalIds = new HashMap<>();
        outcome.itemIds().forEach((external, id) -> externalIds.put(id, external));
        int platformRight = 0;
        int offlineRight = 0;
        for (GoldLabel label : gold.values()) {
            String item = externalIds.get(label.itemId());
            List<Annotation> answers = dataset.answers().stream()
                    .filter(a -> a.item().equals(item))
                    .map(a -> new Annotation(item, a.worker(), a.label()))
                    .toList();
            String offline = MajorityVote.infer(answers).get(item).label();
            String online = label.label().path("choice").asText();
            assertThat(online).as("gold of item %s", item).isEqualTo(offline);
            String truth = dataset.truth().get(item);
            platformRight += online.equals(truth) ? 1 : 0;
            offlineRight += offline.equals(truth) ? 1 : 0;
        }
        assertThat(platformRight).isEqualTo(offlineRight);
        assertThat(platformRight / (double) ITEMS).as("gold accuracy").isGreaterThan(0.8);
    }
}
