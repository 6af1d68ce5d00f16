package io.labelstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.GoldLabel;
import io.labelstream.contracts.events.ModelPrediction;
import io.labelstream.devstack.DatasetsFolder;
import io.labelstream.devstack.demo.GoldTopicReader;
import io.labelstream.devstack.demo.LabelledText;
import io.labelstream.devstack.demo.StackClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * Active learning on the SMS Spam Collection through the whole stack. A seeded 30 % of the messages is held
 * out and never ingested; the rest is ingested, shuffled with the same seed, into a single-label project
 * (ham/spam, k = 1) whose annotator answers every served task with the message's true label. Every
 * {@code step} labels the latest model scores the held-out messages through the models API. Two projects
 * run one after the other: {@code UNCERTAINTY} (assignment serves the least confident items first) and
 * {@code NONE} (no predictions are published, so the pool is served in its ingest order, which is random).
 * Prints the labels each needed to reach the target macro-F1, the savings of active learning, and the time
 * from the gold label that completes a retraining batch to the first prediction of the model it triggers.
 * <pre>./mvnw -pl bench exec:java -Dexec.mainClass=io.labelstream.bench.ActiveLearningBench -Dexec.args="1500 25"</pre>
 * Arguments: the most labels per run (1,500) and the labels between trainings and scorings (25);
 * {@code -Dbench.target-f1} (0.90), {@code -Dbench.seed} (42), {@code -Dbench.labels-after-target} (250: a
 * run goes on that far past its first scoring at the target, then stops).
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
        long seed = Long.getLong("bench.seed", 42L);
        // labelling on past the target shows whether the curve stays there, and gives the latency more samples
        int afterTarget = Integer.getInteger("bench.labels-after-target", 250);

        List<LabelledText> messages = new ArrayList<>(LabelledText.readTabSeparated(smsCollection()));
        Collections.shuffle(messages, new Random(seed));
        int testSize = (int) Math.round(messages.size() * TEST_SHARE);
        List<LabelledText> test = List.copyOf(messages.subList(0, testSize));
        List<LabelledText> pool = List.copyOf(messages.subList(testSize, messages.size()));
        System.out.printf("active.cores=%d%n", Runtime.getRuntime().availableProcessors());
        System.out.printf("active.dataset=sms-spam messages=%d pool=%d test=%d test_spam=%d seed=%d%n",
                messages.size(), pool.size(), test.size(), test.stream().filter(t -> t.label().equals("spam")).count(),
                seed);
        System.out.printf("active.settings=max_labels=%d step=%d target_macro_f1=%.2f labels_after_target=%d k=1%n",
                maxLabels, step, target, afterTarget);

        try (BenchStack.Started started = BenchStack.start("320m")) {
            Map<String, String> urls = new LinkedHashMap<>();
            started.stack().services().forEach((name, process) -> urls.put(name, process.baseUrl()));
            StackClient client = new StackClient(urls);
            String bootstrap = started.stack().bootstrapServers();

            Instant began = Instant.now();
            LabelingRun.Curve active = new LabelingRun(client).run("uncertainty", "UNCERTAINTY", pool, test, step,
                    maxLabels, target, afterTarget);
            System.out.printf("active.uncertainty.seconds=%.1f%n", Duration.between(began, Instant.now()).toMillis() / 1000.0);
            began = Instant.now();
            LabelingRun.Curve random = new LabelingRun(client).run("random", "NONE", pool, test, step, maxLabels,
                    target, afterTarget);
            System.out.printf("active.random.seconds=%.1f%n", Duration.between(began, Instant.now()).toMillis() / 1000.0);

            Optional<Integer> activeLabels = active.labelsToReach(target);
            Optional<Integer> randomLabels = random.labelsToReach(target);
            System.out.printf("active.uncertainty.labels_to_target=%s%n", activeLabels.map(String::valueOf)
                    .orElse("not reached in " + maxLabels));
            System.out.printf("active.random.labels_to_target=%s%n", randomLabels.map(String::valueOf)
                    .orElse("not reached in " + maxLabels));
            printSavings("active.savings", activeLabels, randomLabels);
            // a noisy curve may touch the target once and fall back: the labels from which it stays there
            Optional<Integer> activeStays = active.labelsToStay(target);
            Optional<Integer> randomStays = random.labelsToStay(target);
            System.out.printf("active.uncertainty.labels_to_stay_at_target=%s%n", activeStays.map(String::valueOf)
                    .orElse("n/a"));
            System.out.printf("active.random.labels_to_stay_at_target=%s%n", randomStays.map(String::valueOf)
                    .orElse("n/a"));
            printSavings("active.savings_to_stay", activeStays, randomStays);
            printBest("uncertainty", active);
            printBest("random", random);
            printGoldToPredictions(bootstrap, active);
        }
    }

    private static void printSavings(String name, Optional<Integer> active, Optional<Integer> random) {
        if (active.isPresent() && random.isPresent()) {
            System.out.printf("%s=%.3f (1 - active/random)%n", name, 1.0 - active.get() / (double) random.get());
        } else {
            System.out.printf("%s=n/a%n", name);
        }
    }

    /** The bundled collection, else the datasets folder's copy. */
    private static Path smsCollection() {
        Path root = Path.of(System.getProperty("labelstream.root", "."));
        Path bundled = root.resolve(DatasetsFolder.BUNDLED_SMS_COLLECTION);
        if (Files.isRegularFile(bundled)) {
            return bundled;
        }
        Path shared = DatasetsFolder.fromSystemProperty().root().resolve("text/sms-spam/SMSSpamCollection");
        if (!Files.isRegularFile(shared)) {
            throw new IllegalStateException("SMS Spam Collection found neither at " + bundled + " nor at " + shared);
        }
        return shared;
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
