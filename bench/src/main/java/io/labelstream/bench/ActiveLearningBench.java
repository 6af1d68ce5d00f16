package io.labelstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.DecidedBy;
import io.labelstream.contracts.events.GoldLabel;
import io.labelstream.contracts.events.ModelPrediction;
import io.labelstream.devstack.demo.GoldTopicReader;
import io.labelstream.devstack.demo.LabelledText;
import io.labelstream.devstack.demo.StackClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;

/**
 * Active learning on the SMS Spam Collection through the whole stack. Per seed, a seeded 30 % of the messages
 * is held out and never ingested; the rest is ingested, shuffled with the same seed, into a single-label
 * project (ham/spam, k = 1) whose annotator answers every served task with the message's true label. Every
 * {@code step} labels the latest model scores the held-out messages through the models API. Per seed two
 * projects run one after the other: {@code UNCERTAINTY} (assignment serves the least confident items first)
 * and {@code NONE} (no predictions are published, so the pool is served in its ingest order, which is random).
 * The annotator works at the learner's pace: after a label that triggers a training it waits until the model
 * is trained and assignment has its predictions, as at seconds per label a person would. Prints per seed and
 * as medians over the seeds the labels each needed to reach the target macro-F1 and the savings of active
 * learning, and the time from the gold label that completes a retraining batch to the first prediction of the
 * model it triggers. Then one more UNCERTAINTY project with model pre-labelling on: the share of the pool the
 * model labelled and its accuracy against the collection's labels.
 * <pre>./mvnw -pl bench exec:java -Dexec.mainClass=io.labelstream.bench.ActiveLearningBench -Dexec.args="1500 25"</pre>
 * Arguments: the most labels per run (1,500) and the labels between scorings (25); {@code -Dbench.target-f1}
 * (0.90), {@code -Dbench.seeds} (42,7,1234), {@code -Dbench.retrain-every} (5), {@code -Dbench.seed-items}
 * (10), {@code -Dbench.labels-after-target} (50: a run goes on that far past its first scoring at the target,
 * then stops), {@code -Dbench.auto-label} (minConfidence,minCrossValidatedF1,spotCheckRate: 0.98,0.95,0.05; or
 * {@code off}).
 */
public final class ActiveLearningBench {

    private static final double TEST_SHARE = 0.30;

    private ActiveLearningBench() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Exception | Error e) {
            // the clients' worker threads would keep exec:java waiting: report and leave
            System.out.println("active.failed=" + e);
            e.printStackTrace(System.out);
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        int maxLabels = args.length > 0 ? Integer.parseInt(args[0]) : 1500;
        int step = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        double target = Double.parseDouble(System.getProperty("bench.target-f1", "0.90"));
        List<Long> seeds = Arrays.stream(System.getProperty("bench.seeds", "42,7,1234").split(","))
                .map(String::trim).map(Long::parseLong).toList();
        int retrainEvery = Integer.getInteger("bench.retrain-every", 5);
        int seedItems = Integer.getInteger("bench.seed-items", 10);
        // labelling on past the target shows whether the curve stays there, and gives the latency more samples
        int afterTarget = Integer.getInteger("bench.labels-after-target", 50);
        Map<String, Object> autoLabel = autoLabel(System.getProperty("bench.auto-label", "0.98,0.95,0.05"));
        if (step % retrainEvery != 0 || seedItems > step || (step - seedItems) % retrainEvery != 0) {
            // each scoring must find the model of exactly its labels
            throw new IllegalArgumentException("step " + step + " must be a training point: seed items " + seedItems
                    + " plus a multiple of retrain-every " + retrainEvery);
        }

        List<LabelledText> messages = LabelledText.readTabSeparated(SmsCollection.path());
        System.out.printf("active.cores=%d%n", Runtime.getRuntime().availableProcessors());
        System.out.printf("active.settings=max_labels=%d step=%d target_macro_f1=%.2f labels_after_target=%d k=1"
                        + " retrain_every=%d seed_items=%d seeds=%s paced_by_learner=true auto_label=%s%n",
                maxLabels, step, target, afterTarget, retrainEvery, seedItems, seeds, autoLabel);

        try (BenchStack.Started started = BenchStack.start("320m");
             ConsumerProgress predictions = new ConsumerProgress(started.stack().bootstrapServers())) {
            Map<String, String> urls = new LinkedHashMap<>();
            started.stack().services().forEach((name, process) -> urls.put(name, process.baseUrl()));
            StackClient client = new StackClient(urls);
            String bootstrap = started.stack().bootstrapServers();

            List<Integer> activeNeeds = new ArrayList<>();
            List<Integer> randomNeeds = new ArrayList<>();
            List<Double> savings = new ArrayList<>();
            for (long seed : seeds) {
                Split split = Split.of(messages, seed);
                String s = "s" + seed;
                Instant began = Instant.now();
                LabelingRun.Curve active = new LabelingRun(client, predictions).run(new LabelingRun.Plan("uncertainty." + s,
                        "UNCERTAINTY", step, retrainEvery, seedItems, null, maxLabels, target, afterTarget),
                        split.pool(), split.test());
                System.out.printf("active.uncertainty.%s.seconds=%.1f%n", s, seconds(began));
                began = Instant.now();
                LabelingRun.Curve random = new LabelingRun(client, predictions).run(new LabelingRun.Plan("random." + s,
                        "NONE", step, retrainEvery, seedItems, null, maxLabels, target, afterTarget),
                        split.pool(), split.test());
                System.out.printf("active.random.%s.seconds=%.1f%n", s, seconds(began));

                // not reached counts as the whole budget: a bound that favours neither side's figure
                int activeLabels = active.labelsToReach(target).orElse(maxLabels);
                int randomLabels = random.labelsToReach(target).orElse(maxLabels);
                System.out.printf("active.uncertainty.%s.labels_to_target=%s%n", s, reached(active, target, maxLabels));
                System.out.printf("active.random.%s.labels_to_target=%s%n", s, reached(random, target, maxLabels));
                double saving = 1.0 - activeLabels / (double) randomLabels;
                System.out.printf("active.savings.%s=%.3f (1 - active/random)%n", s, saving);
                printSavings("active.savings_to_stay." + s, active.labelsToStay(target), random.labelsToStay(target));
                printBest("uncertainty." + s, active);
                printBest("random." + s, random);
                printGoldToPredictions(bootstrap, active);
                activeNeeds.add(activeLabels);
                randomNeeds.add(randomLabels);
                savings.add(saving);
            }
            System.out.printf("active.median.uncertainty.labels_to_target=%s of %s%n", median(activeNeeds), activeNeeds);
            System.out.printf("active.median.random.labels_to_target=%s of %s%n", median(randomNeeds), randomNeeds);
            System.out.printf("active.median.savings=%.3f of %s%n", medianOf(savings), savings.stream()
                    .map(v -> String.format("%.3f", v)).toList());

            if (autoLabel != null) {
                Split split = Split.of(messages, seeds.get(0));
                LabelingRun.Curve curve = new LabelingRun(client, predictions).run(new LabelingRun.Plan("auto_label",
                        "UNCERTAINTY", step, retrainEvery, seedItems, autoLabel, maxLabels, target, afterTarget),
                        split.pool(), split.test());
                predictions.awaitConsumedBy("adjudication-service");
                printAutoLabelling(bootstrap, curve, split.pool());
            }
        }
    }

    /** A seeded 30 % held out as the test set; the rest, in the same shuffled order, is the pool. */
    private record Split(List<LabelledText> pool, List<LabelledText> test) {

        static Split of(List<LabelledText> messages, long seed) {
            List<LabelledText> shuffled = new ArrayList<>(messages);
            Collections.shuffle(shuffled, new Random(seed));
            int testSize = (int) Math.round(shuffled.size() * TEST_SHARE);
            Split split = new Split(List.copyOf(shuffled.subList(testSize, shuffled.size())),
                    List.copyOf(shuffled.subList(0, testSize)));
            System.out.printf("active.dataset=sms-spam messages=%d pool=%d test=%d test_spam=%d seed=%d%n",
                    shuffled.size(), split.pool().size(), split.test().size(),
                    split.test().stream().filter(t -> t.label().equals("spam")).count(), seed);
            return split;
        }
    }

    /** The autoLabel policy from "minConfidence,minCrossValidatedF1,spotCheckRate", or null for "off". */
    private static Map<String, Object> autoLabel(String setting) {
        if (setting.equals("off")) {
            return null;
        }
        String[] parts = setting.split(",");
        return Map.of("minConfidence", Double.parseDouble(parts[0]), "minCrossValidatedF1", Double.parseDouble(parts[1]),
                "spotCheckRate", Double.parseDouble(parts[2]));
    }

    /**
     * With model pre-labelling on: how much of the pool became gold decided by the model, and how much of
     * that agrees with the collection's own label.
     */
    private static void printAutoLabelling(String bootstrap, LabelingRun.Curve curve, List<LabelledText> pool) {
        Map<UUID, GoldLabel> gold = new GoldTopicReader(bootstrap).currentGold(curve.projectId());
        int byModel = 0;
        int byModelRight = 0;
        int byPeople = 0;
        for (GoldLabel label : gold.values()) {
            if (label.decidedBy() != DecidedBy.MODEL) {
                byPeople++;
                continue;
            }
            byModel++;
            String truth = pool.get(Integer.parseInt(label.externalId().substring("sms-".length()))).label();
            if (truth.equals(label.label().path("choice").asText())) {
                byModelRight++;
            }
        }
        System.out.printf("active.auto_label.pool=%d labelled_by_annotator=%d gold_by_people=%d gold_by_model=%d%n",
                pool.size(), curve.labelledItems().size(), byPeople, byModel);
        System.out.printf("active.auto_label.share_of_pool_by_model=%.3f%n", byModel / (double) pool.size());
        System.out.printf("active.auto_label.model_accuracy=%s (%d of %d right)%n",
                byModel == 0 ? "n/a" : String.format("%.4f", byModelRight / (double) byModel), byModelRight, byModel);
        printBest("auto_label", curve);
    }

    private static String reached(LabelingRun.Curve curve, double target, int maxLabels) {
        return curve.labelsToReach(target).map(String::valueOf).orElse("not reached in " + maxLabels);
    }

    private static double seconds(Instant began) {
        return Duration.between(began, Instant.now()).toMillis() / 1000.0;
    }

    private static double median(List<Integer> values) {
        return medianOf(values.stream().map(Integer::doubleValue).toList());
    }

    private static double medianOf(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void printSavings(String name, Optional<Integer> active, Optional<Integer> random) {
        if (active.isPresent() && random.isPresent()) {
            System.out.printf("%s=%.3f (1 - active/random)%n", name, 1.0 - active.get() / (double) random.get());
        } else {
            System.out.printf("%s=n/a%n", name);
        }
    }

    private static void printBest(String name, LabelingRun.Curve curve) {
        curve.points().stream().max(java.util.Comparator.comparingDouble(LabelingRun.Point::macroF1))
                .ifPresent(best -> System.out.printf("active.%s.best_macro_f1=%.4f at_labels=%d last_macro_f1=%.4f at_labels=%d%n",
                        name, best.macroF1(), best.labels(), curve.points().get(curve.points().size() - 1).macroF1(),
                        curve.points().get(curve.points().size() - 1).labels()));
    }

    /**
     * For each model version, the gold label that completed its batch (the last one it trained on) to the
     * model's first prediction on the broker: what an annotator's last answer of a batch waits, after its
     * gold decision, before the pool is reordered. Only the UNCERTAINTY project publishes predictions.
     */
    private static void printGoldToPredictions(String bootstrap, LabelingRun.Curve curve) {
        Map<UUID, GoldLabel> gold = new GoldTopicReader(bootstrap).currentGold(curve.projectId());
        Map<String, Instant> firstPrediction = firstPredictionPerModel(bootstrap, curve.projectId());
        List<Long> latencies = new ArrayList<>();
        for (JsonNode model : curve.models()) {
            int labels = model.get("trainingLabels").asInt();
            Instant predicted = firstPrediction.get(model.get("modelId").asText());
            if (labels < 1 || labels > curve.labelledItems().size() || predicted == null) {
                continue;
            }
            GoldLabel last = gold.get(curve.labelledItems().get(labels - 1));
            if (last != null) {
                latencies.add(Duration.between(last.decidedAt(), predicted).toMillis());
            }
        }
        Collections.sort(latencies);
        System.out.printf("active.gold_to_first_prediction.samples=%d%n", latencies.size());
        if (!latencies.isEmpty()) {
            System.out.printf("active.gold_to_first_prediction.p50_ms=%d%nactive.gold_to_first_prediction.p99_ms=%d%n"
                            + "active.gold_to_first_prediction.max_ms=%d%n", percentile(latencies, 0.50),
                    percentile(latencies, 0.99), latencies.get(latencies.size() - 1));
        }
    }

    /** modelId → the broker timestamp of its first prediction for the project. */
    private static Map<String, Instant> firstPredictionPerModel(String bootstrap, UUID projectId) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<String, Instant> first = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PREDICTIONS, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        continue;
                    }
                    EventEnvelope envelope = EventCodec.read(record.value());
                    if (projectId.equals(envelope.projectId())) {
                        ModelPrediction prediction = EventCodec.payload(envelope, ModelPrediction.class);
                        Instant at = Instant.ofEpochMilli(record.timestamp());
                        first.merge(prediction.modelId(), at, (a, b) -> a.isBefore(b) ? a : b);
                    }
                }
            }
        }
        return first;
    }

    private static long percentile(List<Long> sorted, double p) {
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
