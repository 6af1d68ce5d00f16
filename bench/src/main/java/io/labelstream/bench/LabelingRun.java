package io.labelstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.devstack.DevTokens;
import io.labelstream.devstack.demo.LabelledText;
import io.labelstream.devstack.demo.StackClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * One project labelled by one simulated annotator who answers every served task with the message's true
 * label, in the order assignment serves them. After every {@code step} labels it waits for the model that
 * saw them and scores the held-out test messages through the models API. Items a model pre-labelled are not
 * served, so they are not labelled by the annotator.
 */
final class LabelingRun {

    /** The test set's macro-F1 of the model trained on {@code labels} gold labels. */
    record Point(int labels, double macroF1, String modelId) {
    }

    /** The learning curve, the items in the order they were labelled, and every model version (newest first). */
    record Curve(String strategy, UUID projectId, List<Point> points, List<UUID> labelledItems, List<JsonNode> models) {

        Optional<Integer> labelsToReach(double target) {
            return points.stream().filter(p -> p.macroF1() >= target).map(Point::labels).findFirst();
        }

        /** The labels from which every later scoring of the run stays at or above the target. */
        Optional<Integer> labelsToStay(double target) {
            Integer from = null;
            for (Point point : points) {
                if (point.macroF1() < target) {
                    from = null;
                } else if (from == null) {
                    from = point.labels();
                }
            }
            return Optional.ofNullable(from);
        }
    }

    /**
     * How a project is labelled: its learning strategy, trainings every {@code retrainEvery} gold labels after
     * the first {@code seedItems}, a scoring every {@code step} labels (a multiple of {@code retrainEvery}),
     * and {@code autoLabel} (null: off). The annotator works at the learner's pace: after a label that
     * triggers a training it waits until the model is trained and, where predictions order the pool, until
     * assignment has every prediction it published, as at a person's pace (seconds per label) the pool is
     * reordered before the next task is asked for. Each scoring then uses the model of exactly those labels.
     */
    record Plan(String name, String strategy, int step, int retrainEvery, int seedItems,
                Map<String, Object> autoLabel, int maxLabels, double target, int labelsAfterTarget) {
    }

    private static final int PREDICT_BATCH = 1000;
    // one item per request: assignment serves items of equal age in item id order (random ids), so only
    // items ingested one at a time are served in the seeded order of the pool
    private static final int INGEST_BATCH = 1;
    private static final Duration MODEL_WAIT = Duration.ofMinutes(3);

    private final StackClient client;
    private final ConsumerProgress predictions;
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String annotator = "annotator-" + suffix;
    private final String manager = DevTokens.mint("manager-" + suffix, "manager");

    LabelingRun(StackClient client, ConsumerProgress predictions) {
        this.client = client;
        this.predictions = predictions;
    }

    /**
     * Labels until {@code labelsAfterTarget} labels after the first scoring at or above {@code target}, or
     * {@code maxLabels}; the plan's name prefixes the printed curve.
     */
    Curve run(Plan plan, List<LabelledText> pool, List<LabelledText> test) {
        UUID projectId = createProject(plan);
        Map<String, String> truthByText = ingest(projectId, pool);
        List<Point> points = new ArrayList<>();
        List<UUID> labelledItems = new ArrayList<>();
        int labelled = 0;
        int trainedOn = 0;
        int stopAt = plan.maxLabels();
        while (labelled < stopAt) {
            StackClient.Lease lease = nextLease(projectId);
            if (lease == null) {
                break;
            }
            String text = lease.data().path("text").asText();
            client.submit(DevTokens.mint(annotator, "annotator"), lease, Map.of("choice", truthByText.get(text)));
            labelled++;
            labelledItems.add(lease.itemId());
            boolean trains = labelled >= plan.seedItems()
                    && (trainedOn == 0 || labelled - trainedOn >= plan.retrainEvery());
            if (trains) {
                trainedOn = awaitModel(projectId, labelled);
                if (plan.strategy().equals("UNCERTAINTY")) {
                    predictions.awaitConsumedBy("assignment-service");
                }
            }
            if (labelled % plan.step() == 0) {
                Point point = score(projectId, labelled, test);
                points.add(point);
                System.out.printf("active.%s.curve labels=%d macro_f1=%.4f%n", plan.name(), labelled, point.macroF1());
                if (point.macroF1() >= plan.target() && stopAt == plan.maxLabels()) {
                    stopAt = Math.min(plan.maxLabels(), labelled + plan.labelsAfterTarget());
                }
            }
        }
        List<JsonNode> models = new ArrayList<>();
        client.get("learning-service", "/projects/" + projectId + "/models", manager).forEach(models::add);
        return new Curve(plan.strategy(), projectId, points, labelledItems, models);
    }

    private UUID createProject(Plan plan) {
        Map<String, Object> learning = new LinkedHashMap<>(Map.of("strategy", plan.strategy(),
                "retrainEvery", plan.retrainEvery(), "seedItems", plan.seedItems()));
        if (plan.autoLabel() != null) {
            learning.put("autoLabel", plan.autoLabel());
        }
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("name", "active learning " + plan.name() + " " + suffix);
        draft.put("schema", Map.of("taskType", "SINGLE_LABEL",
                "labels", List.of(Map.of("name", "ham"), Map.of("name", "spam"))));
        draft.put("guidelines", Map.of("text", "Spam or not."));
        // k = 1: every answer is the item's gold label at once
        draft.put("policies", Map.of("annotatorsPerItem", 1, "maxAnnotatorsPerItem", 1, "goldRate", 0.0,
                "spotCheckRate", 0.0, "autoAcceptConfidence", 0.5, "targetAgreement", 0.5, "aggregation", "MAJORITY",
                "learning", learning));
        draft.put("members", List.of(Map.of("userId", annotator, "role", "ANNOTATOR")));
        UUID projectId = client.createProject(manager, draft);
        client.changeState(manager, projectId, "ACTIVE");
        return projectId;
    }

    /** Ingests the pool in its order; returns the true label of each text. */
    private Map<String, String> ingest(UUID projectId, List<LabelledText> pool) {
        Map<String, String> truthByText = new HashMap<>();
        for (int from = 0; from < pool.size(); from += INGEST_BATCH) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(pool.size(), from + INGEST_BATCH); i++) {
                batch.add(Map.of("externalId", "sms-" + i, "data", Map.of("text", pool.get(i).text())));
                truthByText.put(pool.get(i).text(), pool.get(i).label());
            }
            client.ingestBatch(manager, projectId, batch);
        }
        return truthByText;
    }

    /** The next task, waiting while the project or its items are still on their way to assignment; null when none comes. */
    private StackClient.Lease nextLease(UUID projectId) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        String token = DevTokens.mint(annotator, "annotator");
        while (System.nanoTime() < deadline) {
            StackClient.NextTask next = client.nextTask(token, projectId);
            if (next.lease().isPresent()) {
                return next.lease().get();
            }
            waitBriefly();
        }
        return null;
    }

    /** Waits for a model trained on at least {@code labels} gold labels; the labels the latest one saw. */
    private int awaitModel(UUID projectId, int labels) {
        int[] trainedOn = {0};
        awaitTrue(() -> {
            JsonNode models = client.get("learning-service", "/projects/" + projectId + "/models", manager);
            trainedOn[0] = models.size() > 0 ? models.get(0).get("trainingLabels").asInt() : 0;
            return trainedOn[0] >= labels;
        }, "a model trained on " + labels + " labels");
        return trainedOn[0];
    }

    /** Waits for the model trained on at least {@code labels} gold labels, then scores the test set with it. */
    private Point score(UUID projectId, int labels, List<LabelledText> test) {
        awaitModel(projectId, labels);
        List<String> truth = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        String modelId = null;
        for (int from = 0; from < test.size(); from += PREDICT_BATCH) {
            List<LabelledText> batch = test.subList(from, Math.min(test.size(), from + PREDICT_BATCH));
            List<Map<String, Object>> items = batch.stream()
                    .map(t -> Map.<String, Object>of("data", Map.of("text", t.text()))).toList();
            JsonNode answer = predict(projectId, items);
            modelId = answer.get("modelId").asText();
            for (int i = 0; i < batch.size(); i++) {
                truth.add(batch.get(i).label());
                predicted.add(answer.get("predictions").get(i).path("label").path("choice").asText());
            }
        }
        return new Point(labels, MacroF1.of(truth, predicted), modelId);
    }

    private JsonNode predict(UUID projectId, List<Map<String, Object>> items) {
        var response = client.exchange("learning-service", "POST",
                "/projects/" + projectId + "/models/latest/predict", manager, Map.of("items", items));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("predict answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return io.labelstream.contracts.EventCodec.mapper().readTree(response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("predict answered unreadable JSON", e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + MODEL_WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + what + " within " + MODEL_WAIT);
            }
            waitBriefly();
        }
    }

    /** A short pause between polls, as the other benches poll: a monitor wait with a timeout. */
    private static void waitBriefly() {
        Object monitor = new Object();
        synchronized (monitor) {
            try {
                monitor.wait(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
