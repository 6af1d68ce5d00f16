package io.labelstream.devstack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.events.GoldLabel;
import io.labelstream.devstack.Waits;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The demo run. By default a simulated crowd labels real SMS messages shipped with the repository; with
 * a crowd dataset it replays that dataset's real answers instead. Either way it ends with the agreement
 * figures, the accuracy of the gold labels against the known truth, and where an ML pipeline reads them.
 */
public final class Demo {

    /** Gold items that qualify new annotators, and further gold items injected among regular work. */
    private static final int QUALIFICATION_ITEMS = 8;
    private static final int EXTRA_GOLD_ITEMS = 32;

    private static final CrowdSimulation.Policies POLICIES = new CrowdSimulation.Policies(3, 0.15,
            QUALIFICATION_ITEMS, 0.75, 0.8);

    private final StackClient client;
    private final String bootstrapServers;
    private final PrintStream out;

    public Demo(StackClient client, String bootstrapServers, PrintStream out) {
        this.client = client;
        this.bootstrapServers = bootstrapServers;
        this.out = out;
    }

    /** Replays the real answers of a crowd dataset (answers.csv and truth.csv in {@code datasetFolder}). */
    public void replay(Path datasetFolder, int items) throws IOException, InterruptedException {
        CrowdDataset dataset = CrowdDataset.read(datasetFolder).firstItems(items);
        out.printf("%nDemo: replaying %d answers of %d workers on %d items of the %s crowd dataset%n",
                dataset.answers().size(), dataset.workers().size(), dataset.items().size(), dataset.name());
        DatasetReplay.Outcome outcome = new DatasetReplay(client, dataset, "DAWID_SKENE", 32, Duration.ofMinutes(20))
                .run((done, total) -> bar("answers", done, total));
        out.printf("%n%d answers submitted by %d annotators in %.1f s%n", outcome.answers(),
                dataset.workers().size(), outcome.duration().toMillis() / 1000.0);

        Map<UUID, GoldLabel> gold = awaitGold(outcome.projectId(), outcome.items(), Duration.ofMinutes(5));
        printAgreement(outcome.projectId(), outcome.reviewerToken());
        printAccuracy(dataset.truth(), outcome.itemIds(), gold);
        printWhereGoldIs(outcome.projectId());
    }

    /**
     * A simulated crowd labels {@code items} messages of a {@code label<TAB>text} collection, with gold
     * items, qualification and quarantine switched on; {@code seed} fixes the sample and every answer.
     */
    public void simulate(Path collection, int items, long seed) throws IOException, InterruptedException {
        DemoSample sample = DemoSample.draw(LabelledText.readTabSeparated(collection), items, QUALIFICATION_ITEMS,
                EXTRA_GOLD_ITEMS, seed);
        SimulatedCrowd crowd = SimulatedCrowd.standard(sample.labels().get(0));
        out.printf("%nDemo: %d simulated annotators label %d real messages of %s (seed %d),%n"
                        + "  with %d gold items of known label, %d of them for qualification:%n",
                crowd.annotators().size(), sample.regular().size(), collection.getFileName(), seed,
                sample.gold().size(), QUALIFICATION_ITEMS);
        for (AnnotatorProfile profile : crowd.annotators()) {
            out.printf("  %-12s %-14s %s%n", profile.annotatorId(), profile.kind(),
                    profile.fixedLabel() != null ? "" : String.format("expected accuracy %.3f",
                            profile.expectedAccuracy(sample.labels().size())));
        }
        out.printf("  policies: %d annotators per item, gold rate %.2f, qualification on %d items at >= %.2f,%n"
                        + "  quarantine under a gold accuracy of %.2f (upper 95%% Wilson bound)%n",
                POLICIES.annotatorsPerItem(), POLICIES.goldRate(), POLICIES.qualificationItems(),
                POLICIES.qualificationMinAccuracy(), POLICIES.quarantineAccuracy());

        GoldTopicReader reader = new GoldTopicReader(bootstrapServers);
        CrowdSimulation.Outcome outcome = new CrowdSimulation(client, sample, crowd, POLICIES, seed, Duration.ofMinutes(15))
                .run(projectId -> reader.currentGold(projectId).size(),
                        (done, total) -> bar("answers", done, 0));
        out.printf("%n%d answers submitted in %.1f s%n", outcome.answers(), outcome.duration().toMillis() / 1000.0);

        Map<UUID, GoldLabel> gold = awaitGold(outcome.projectId(), outcome.items(), Duration.ofMinutes(2));
        printAgreement(outcome.projectId(), outcome.reviewerToken());
        printAccuracy(outcome.truth(), outcome.itemIds(), gold);
        printAnnotators(outcome.projectId(), outcome.reviewerToken(), crowd);
        printWhereGoldIs(outcome.projectId());
    }

    private Map<UUID, GoldLabel> awaitGold(UUID projectId, int items, Duration patience) throws InterruptedException {
        GoldTopicReader reader = new GoldTopicReader(bootstrapServers);
        Map<UUID, GoldLabel> gold = new HashMap<>();
        try {
            Waits.until(() -> {
                gold.clear();
                gold.putAll(reader.currentGold(projectId));
                bar("gold labels", gold.size(), items);
                return gold.size() >= items;
            }, () -> false, patience, Duration.ofSeconds(1), "not every item became gold");
        } catch (IllegalStateException e) {
            out.printf("%n%s: %d of %d%n", e.getMessage(), gold.size(), items);
        }
        out.println();
        return gold;
    }

    private void printAgreement(UUID projectId, String reviewerToken) {
        try {
            JsonNode agreement = client.get("quality-service", "/projects/" + projectId + "/quality/agreement",
                    reviewerToken).path("current");
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

    private void printAccuracy(Map<String, String> truths, Map<String, UUID> itemIds, Map<UUID, GoldLabel> gold) {
        Map<UUID, String> externalIds = new HashMap<>();
        itemIds.forEach((external, id) -> externalIds.put(id, external));
        int scored = 0;
        int right = 0;
        for (GoldLabel label : gold.values()) {
            String truth = truths.get(externalIds.get(label.itemId()));
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

    /** Each annotator's standing as quality-service assessed it, beside the profile it was simulated with. */
    private void printAnnotators(UUID projectId, String reviewerToken, SimulatedCrowd crowd) {
        try {
            JsonNode annotators = client.get("quality-service", "/projects/" + projectId + "/quality/annotators",
                    reviewerToken);
            Map<String, JsonNode> byId = new HashMap<>();
            annotators.forEach(a -> byId.put(a.path("annotatorId").asText(), a));
            out.println("\nAnnotators (quality-service):");
            out.printf("  %-12s %-14s %-12s %7s %6s %14s%n", "annotator", "simulated as", "status", "labels", "gold",
                    "gold accuracy");
            List<String> quarantined = new ArrayList<>();
            for (AnnotatorProfile profile : crowd.annotators()) {
                JsonNode view = byId.get(profile.annotatorId());
                if (view == null) {
                    out.printf("  %-12s %-14s %-12s%n", profile.annotatorId(), profile.kind(), "not assessed");
                    continue;
                }
                String status = view.path("status").asText();
                if ("QUARANTINED".equals(status)) {
                    quarantined.add(profile.annotatorId());
                }
                JsonNode accuracy = view.path("goldAccuracy");
                out.printf("  %-12s %-14s %-12s %7d %6d %14s%n", profile.annotatorId(), profile.kind(), status,
                        view.path("labelCount").asInt(), view.path("goldAnswered").asInt(),
                        accuracy.isNumber() ? String.format("%.3f", accuracy.asDouble()) : "-");
            }
            out.println("Quarantined: " + (quarantined.isEmpty() ? "nobody" : String.join(", ", quarantined)));
        } catch (RuntimeException e) {
            out.println("\nAnnotator figures unavailable: " + e.getMessage());
        }
    }

    private void printWhereGoldIs(UUID projectId) {
        out.printf("%nGold labels: topic labeling.gold on %s (compacted, keyed by item id, JSON envelopes);%n"
                        + "  project %s. Dataset export: GET /projects/%s/dataset on the adjudication service.%n",
                bootstrapServers, projectId, projectId);
    }

    private void bar(String what, int done, int total) {
        if (total == 0) {
            // no known end: a count alone
            out.printf("\r  %d %s", done, what);
            out.flush();
            return;
        }
        int width = 40;
        int filled = total == 0 ? width : (int) ((long) done * width / total);
        out.printf("\r  [%s%s] %d/%d %s", "#".repeat(filled), " ".repeat(width - filled), done, total, what);
        out.flush();
    }
}
