package io.labelstream.bench;

import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.GoldLabel;
import io.labelstream.contracts.events.ItemAssessed;
import io.labelstream.devstack.demo.CrowdDataset;
import io.labelstream.devstack.demo.DatasetReplay;
import io.labelstream.devstack.demo.GoldTopicReader;
import io.labelstream.devstack.demo.StackClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The whole pipeline on a crowd dataset: the stack as the run command starts it (broker, PostgreSQL and the
 * five services as processes), the dataset replayed through REST by one simulated annotator per real worker
 * ({@link DatasetReplay}: ingest, next-task, submit or skip), until every item has its gold label on
 * {@code labeling.gold}. Prints answers per second from the first request to the last gold label, and the
 * latency from an item's last annotation (its {@code submittedAt} on {@code labeling.annotations}) to its
 * gold label's {@code decidedAt}.
 *
 * <p>The replay needs every item to have exactly k answers (k = the project's overlap), and each worker
 * skips every served item it never answered, so the slice replayed is: items of relevance-4class with
 * exactly five answers (the most common count) all given by the {@code W} workers with the most answers.
 * <pre>./mvnw -pl bench exec:java -Dexec.mainClass=io.labelstream.bench.PipelineBench -Dexec.args="20 250"</pre>
 * Arguments: W (20) and the maximum number of items (250).
 */
public final class PipelineBench {

    private static final int ANSWERS_PER_ITEM = 5;

    private PipelineBench() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Exception | Error e) {
            // the replay's and clients' worker threads would keep exec:java waiting: report and leave
            System.out.println("pipeline.failed=" + e);
            e.printStackTrace(System.out);
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        int topWorkers = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int maxItems = args.length > 1 ? Integer.parseInt(args[1]) : 250;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        Path folder = Path.of(System.getProperty("labelstream.datasets", "../shared/datasets"), "crowd", "relevance-4class");
        CrowdDataset full = CrowdDataset.read(folder);
        CrowdDataset dataset = slice(full, topWorkers, maxItems);
        System.out.printf("pipeline.cores=%d%n", Runtime.getRuntime().availableProcessors());
        System.out.printf("pipeline.dataset=%s full_answers=%d full_items=%d%n", full.name(), full.answers().size(),
                full.items().size());
        System.out.printf("pipeline.slice=items with exactly %d answers, all from the %d most active workers, first %d%n",
                ANSWERS_PER_ITEM, topWorkers, maxItems);
        System.out.printf("pipeline.slice.items=%d answers=%d workers=%d%n", dataset.items().size(),
                dataset.answers().size(), dataset.workers().size());

        try (BenchStack.Started started = BenchStack.start("320m")) {
            Map<String, String> urls = new LinkedHashMap<>();
            started.stack().services().forEach((name, process) -> urls.put(name, process.baseUrl()));
            String bootstrap = started.stack().bootstrapServers();

            Instant began = Instant.now();
            DatasetReplay.Outcome outcome = replay(new StackClient(urls), dataset, concurrency, Duration.ofMinutes(7))
                    .run((done, total) -> { });
            Map<UUID, GoldLabel> gold = awaitGold(bootstrap, outcome, Duration.ofMinutes(3));
            Instant lastGold = gold.values().stream().map(GoldLabel::decidedAt).max(Instant::compareTo).orElseThrow();
            double seconds = Duration.between(began, lastGold).toMillis() / 1000.0;

            System.out.printf("pipeline.replay.answers=%d skips=%d replay_seconds=%.1f%n", outcome.answers(),
                    outcome.skips(), outcome.duration().toMillis() / 1000.0);
            System.out.printf("pipeline.gold.items=%d of %d%n", gold.size(), outcome.items());
            System.out.printf("pipeline.end_to_end_seconds=%.1f (project creation to the last gold label)%n", seconds);
            System.out.printf("pipeline.answers_per_s=%.1f%n", outcome.answers() / seconds);

            Map<UUID, List<Seen>> annotations = scan(bootstrap, Topics.ANNOTATIONS, outcome.projectId(),
                    AnnotationSubmitted.SUBMITTED, AnnotationSubmitted.class, AnnotationSubmitted::itemId,
                    AnnotationSubmitted::submittedAt);
            List<Long> latencies = new ArrayList<>();
            gold.forEach((item, label) -> {
                List<Seen> labels = annotations.get(item);
                if (labels != null) {
                    Instant last = labels.stream().map(Seen::at).max(Instant::compareTo).orElseThrow();
                    latencies.add(Duration.between(last, label.decidedAt()).toMillis());
                }
            });
            Collections.sort(latencies);
            System.out.printf("pipeline.last_annotation_to_gold.samples=%d%n", latencies.size());
            if (!latencies.isEmpty()) {
                System.out.printf("pipeline.last_annotation_to_gold.p50_ms=%d%npipeline.last_annotation_to_gold.p99_ms=%d%n"
                                + "pipeline.last_annotation_to_gold.max_ms=%d%n", percentile(latencies, 0.50),
                        percentile(latencies, 0.99), latencies.get(latencies.size() - 1));
            }
            printHops(bootstrap, outcome.projectId(), annotations, gold);
            printAccuracy(dataset, outcome, gold);
        }
    }

    /**
     * The replay with Dawid-Skene aggregation where devstack lets the caller choose it; devstack builds
     * that predate the choice take no aggregation argument and use the project default (also Dawid-Skene).
     */
    private static DatasetReplay replay(StackClient client, CrowdDataset dataset, int concurrency, Duration timeout)
            throws ReflectiveOperationException {
        try {
            return DatasetReplay.class.getConstructor(StackClient.class, CrowdDataset.class, String.class, int.class,
                    Duration.class).newInstance(client, dataset, "DAWID_SKENE", concurrency, timeout);
        } catch (NoSuchMethodException e) {
            return DatasetReplay.class.getConstructor(StackClient.class, CrowdDataset.class, int.class, Duration.class)
                    .newInstance(client, dataset, concurrency, timeout);
        }
    }

    /** Items with exactly five answers, all from the most active workers, in file order, at most {@code max}. */
    static CrowdDataset slice(CrowdDataset full, int topWorkers, int max) {
        Set<String> workers = full.answers().stream()
                .collect(Collectors.groupingBy(CrowdDataset.Answer::worker, Collectors.counting()))
                .entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(topWorkers).map(Map.Entry::getKey).collect(Collectors.toSet());
        Map<String, List<CrowdDataset.Answer>> byItem = full.answers().stream()
                .collect(Collectors.groupingBy(CrowdDataset.Answer::item, LinkedHashMap::new, Collectors.toList()));
        Set<String> kept = new HashSet<>();
        for (Map.Entry<String, List<CrowdDataset.Answer>> item : byItem.entrySet()) {
            if (kept.size() < max && item.getValue().size() == ANSWERS_PER_ITEM
                    && item.getValue().stream().allMatch(a -> workers.contains(a.worker()))) {
                kept.add(item.getKey());
            }
        }
        Map<String, String> truth = new LinkedHashMap<>();
        full.truth().forEach((item, label) -> {
            if (kept.contains(item)) {
                truth.put(item, label);
            }
        });
        return new CrowdDataset(full.name(), full.answers().stream().filter(a -> kept.contains(a.item())).toList(), truth);
    }

    private static Map<UUID, GoldLabel> awaitGold(String bootstrap, DatasetReplay.Outcome outcome, Duration timeout)
            throws InterruptedException {
        GoldTopicReader reader = new GoldTopicReader(bootstrap);
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<UUID, GoldLabel> gold = reader.currentGold(outcome.projectId());
        Object monitor = new Object();
        while (gold.size() < outcome.items() && System.nanoTime() < deadline) {
            synchronized (monitor) {
                monitor.wait(500);
            }
            gold = reader.currentGold(outcome.projectId());
        }
        if (gold.isEmpty()) {
            throw new IllegalStateException("no gold label for project " + outcome.projectId());
        }
        return gold;
    }

    /** When an event happened (its own timestamp) and when its record reached the broker. */
    record Seen(Instant at, Instant published) {
    }

    /** Reads a topic from the start: for each item of the project, every event of the given type. */
    private static <T> Map<UUID, List<Seen>> scan(String bootstrap, String topic, UUID projectId, String type,
                                                  Class<T> payloadType,
                                                  java.util.function.Function<T, UUID> item,
                                                  java.util.function.Function<T, Instant> at) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<UUID, List<Seen>> seen = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
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
                    if (projectId.equals(envelope.projectId()) && type.equals(envelope.type())) {
                        T payload = EventCodec.payload(envelope, payloadType);
                        seen.computeIfAbsent(item.apply(payload), i -> new ArrayList<>())
                                .add(new Seen(at.apply(payload), Instant.ofEpochMilli(record.timestamp())));
                    }
                }
            }
        }
        return seen;
    }

    /**
     * Where the time from an item's last annotation to its gold label goes: the annotation's trip through
     * the outbox to the broker, quality's decision, the decision's trip to the broker, and adjudication.
     */
    private static void printHops(String bootstrap, UUID projectId, Map<UUID, List<Seen>> annotations,
                                  Map<UUID, GoldLabel> gold) {
        Map<UUID, List<Seen>> assessments = scan(bootstrap, Topics.ITEM_QUALITY, projectId, ItemAssessed.class.getSimpleName(),
                ItemAssessed.class, ItemAssessed::itemId, ItemAssessed::assessedAt);
        List<Long> toBroker = new ArrayList<>();
        List<Long> toDecision = new ArrayList<>();
        List<Long> decisionToBroker = new ArrayList<>();
        List<Long> toGold = new ArrayList<>();
        gold.forEach((item, label) -> {
            List<Seen> labels = annotations.get(item);
            List<Seen> decisions = assessments.get(item);
            if (labels == null || decisions == null) {
                return;
            }
            Seen last = labels.stream().max(java.util.Comparator.comparing(Seen::at)).orElseThrow();
            decisions.stream().filter(d -> !d.at().isBefore(last.at()))
                    .min(java.util.Comparator.comparing(Seen::at)).ifPresent(decision -> {
                        toBroker.add(Duration.between(last.at(), last.published()).toMillis());
                        toDecision.add(Duration.between(last.published(), decision.at()).toMillis());
                        decisionToBroker.add(Duration.between(decision.at(), decision.published()).toMillis());
                        toGold.add(Duration.between(decision.published(), label.decidedAt()).toMillis());
                    });
        });
        printPercentiles("pipeline.hop.annotation_submitted_to_broker", toBroker);
        printPercentiles("pipeline.hop.broker_to_item_assessed", toDecision);
        printPercentiles("pipeline.hop.item_assessed_to_broker", decisionToBroker);
        printPercentiles("pipeline.hop.broker_to_gold_decided", toGold);
    }

    private static void printPercentiles(String name, List<Long> values) {
        if (values.isEmpty()) {
            System.out.printf("%s.samples=0%n", name);
            return;
        }
        Collections.sort(values);
        System.out.printf("%s.samples=%d p50_ms=%d p99_ms=%d%n", name, values.size(), percentile(values, 0.50),
                percentile(values, 0.99));
    }

    private static void printAccuracy(CrowdDataset dataset, DatasetReplay.Outcome outcome, Map<UUID, GoldLabel> gold) {
        Map<UUID, String> external = outcome.itemIds().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
        int scored = 0;
        int correct = 0;
        for (Map.Entry<UUID, GoldLabel> entry : gold.entrySet()) {
            String truth = dataset.truth().get(external.get(entry.getKey()));
            if (truth != null) {
                scored++;
                if (truth.equals(entry.getValue().label().path("choice").asText())) {
                    correct++;
                }
            }
        }
        System.out.printf("pipeline.gold_accuracy_vs_truth=%s (%d items with a known truth)%n",
                scored == 0 ? "n/a" : String.format("%.3f", correct / (double) scored), scored);
    }

    private static long percentile(List<Long> sorted, double p) {
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
