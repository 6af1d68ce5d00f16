package io.labelstream.devstack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.events.GoldLabel;
import io.labelstream.devstack.Waits;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The demo run: replays a real crowd dataset through the running stack with a progress bar, then shows
 * the agreement figures, the accuracy of the gold labels against the dataset's truth, and where an ML
 * pipeline reads them.
 */
public final class Demo {

    private final StackClient client;
    private final String bootstrapServers;
    private final PrintStream out;

    public Demo(StackClient client, String bootstrapServers, PrintStream out) {
        this.client = client;
        this.bootstrapServers = bootstrapServers;
        this.out = out;
    }

    public void run(Path datasetFolder, int items) throws IOException, InterruptedException {
        CrowdDataset dataset = CrowdDataset.read(datasetFolder).firstItems(items);
        out.printf("%nDemo: replaying %d answers of %d workers on %d items of the %s crowd dataset%n",
                dataset.answers().size(), dataset.workers().size(), dataset.items().size(), dataset.name());
        DatasetReplay.Outcome outcome = new DatasetReplay(client, dataset, "DAWID_SKENE", 32, Duration.ofMinutes(20))
                .run((done, total) -> bar("answers", done, total));
        out.printf("%n%d answers submitted by %d annotators in %.1f s%n", outcome.answers(),
                dataset.workers().size(), outcome.duration().toMillis() / 1000.0);

        Map<UUID, GoldLabel> gold = awaitGold(outcome);
        printAgreement(outcome);
        printAccuracy(dataset, outcome, gold);
        out.printf("%nGold labels: topic labeling.gold on %s (compacted, keyed by item id, JSON envelopes);%n"
                        + "  project %s. Dataset export: GET /projects/%s/dataset on the adjudication service.%n",
                bootstrapServers, outcome.projectId(), outcome.projectId());
    }

    private Map<UUID, GoldLabel> awaitGold(DatasetReplay.Outcome outcome) throws InterruptedException {
        GoldTopicReader reader = new GoldTopicReader(bootstrapServers);
        Map<UUID, GoldLabel> gold = new HashMap<>();
        try {
            Waits.until(() -> {
                gold.clear();
                gold.putAll(reader.currentGold(outcome.projectId()));
                bar("gold labels", gold.size(), outcome.items());
                return gold.size() >= outcome.items();
            }, () -> false, Duration.ofMinutes(5), Duration.ofSeconds(1), "not every item became gold");
        } catch (IllegalStateException e) {
            out.printf("%n%s: %d of %d%n", e.getMessage(), gold.size(), outcome.items());
        }
        out.println();
        return gold;
    }

    private void printAgreement(DatasetReplay.Outcome outcome) {
        try {
            JsonNode agreement = client.get("quality-service", "/projects/" + outcome.projectId() + "/quality/agreement",
                    outcome.reviewerToken()).path("current");
            out.println("\nAgreement between annotators (quality-service):");
            agreement.fields().forEachRemaining(field -> {
                if (field.getValue().isNumber()) {
                    out.printf("  %-28s %.4f%n", field.getKey(), field.getValue().asDouble());
                } else if (field.getValue().isObject() && field.getValue().has("value")) {
                    out.printf("  %-28s %.4f%n", field.getKey(), field.getValue().get("value").asDouble());
                }
            });
        } catch (RuntimeException e) {
            out.println("\nAgreement figures unavailable: " + e.getMessage());
        }
    }

    private void printAccuracy(CrowdDataset dataset, DatasetReplay.Outcome outcome, Map<UUID, GoldLabel> gold) {
        Map<UUID, String> externalIds = new HashMap<>();
        outcome.itemIds().forEach((external, id) -> externalIds.put(id, external));
        int scored = 0;
        int right = 0;
        for (GoldLabel label : gold.values()) {
            String truth = dataset.truth().get(externalIds.get(label.itemId()));
            if (truth != null) {
                scored++;
                if (truth.equals(label.label().path("choice").asText())) {
                    right++;
                }
            }
        }
        out.printf("%nGold accuracy against the dataset's truth: %d of %d items right (%.4f)%n", right, scored,
                scored == 0 ? Double.NaN : right / (double) scored);
    }

    private void bar(String what, int done, int total) {
        int width = 40;
        int filled = total == 0 ? width : (int) ((long) done * width / total);
        out.printf("\r  [%s%s] %d/%d %s", "#".repeat(filled), " ".repeat(width - filled), done, total, what);
        out.flush();
    }
}
