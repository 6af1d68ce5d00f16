package io.labelstream.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.GoldLabel;
import io.labelstream.contracts.events.ItemAssessed;
import io.labelstream.contracts.events.ItemDecision;
import io.labelstream.devstack.DatasetsFolder;
import io.labelstream.devstack.demo.CrowdDataset;
import io.labelstream.devstack.demo.DatasetReplay;
import io.labelstream.devstack.demo.GoldTopicReader;
import io.labelstream.devstack.demo.StackClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The whole pipeline on a crowd dataset: the stack as the run command starts it (broker, PostgreSQL and the
 * five services as processes), the dataset replayed through REST by one simulated annotator per real worker
 * ({@link DatasetReplay}: each item ingested reserved for the workers who answered it, then next-task and
 * submit), until every item has its gold label on {@code labeling.gold}. Prints answers per second from the
 * first request to the last gold label, and the latency from an item's last annotation (its
 * {@code submittedAt} on {@code labeling.annotations}) to its gold label's {@code decidedAt}, split into hops.
 * Prints the CPU time of the stack per answer over the same span ({@link StackCpu}: every service, the broker and
 * every PostgreSQL process, closed backends included), and PostgreSQL's top statements by total execution time.
 * <pre>./mvnw -pl bench exec:java -Dexec.mainClass=io.labelstream.bench.PipelineBench -Dexec.args="0 16"</pre>
 * Arguments: the number of items to replay, in order of first answer (0: all 20,232 items of
 * relevance-4class), the number of concurrent requests, and the stack's data: {@code empty} (the default),
 * {@code filled} with other projects' data ({@link OtherProjectsFiller}, sized by {@code -Dbench.fill.projects}
 * and {@code -Dbench.fill.items}), or {@code both}, one fresh stack each, compared side by side. Beside the
 * replay, {@link Onlookers} make the other requests of people at work on the project at a fixed rate per answer.
 * With {@code -Dbench.warmup.items=N} the first N items are replayed into a project of their own first, so that
 * the measured replay runs on warmed-up services ({@link #warmUp}); with {@code -Dbench.answers-per-s=R} the
 * measured replay is held to R answers a second ({@link AnswerPace}), below the saturated rate.
 */
public final class PipelineBench {

    /** One round of the onlookers' requests (own leases, progress, review queue) per this many answers. */
    private static final int ANSWERS_PER_ONLOOKER_ROUND = 10;
    /** The busiest thread groups printed per process. */
    private static final int THREADS_SHOWN = 5;
    /** Items replayed into a project of their own before the measured replay ({@link #warmUp}); 0: none. */
    private static final int WARMUP_ITEMS = Integer.getInteger("bench.warmup.items", 0);
    /**
     * Warm-up projects are replayed until the services' JIT compilers settle ({@link StackCpu#SETTLED_COMPILER_SHARE}),
     * at most {@code -Dbench.warmup.rounds} times (1 unless given). While a JVM's compiler queue is long, the JVM
     * raises the counts a method needs before its optimising compilation, so one warm-up leaves much of the
     * services' code to be optimised during the measured replay.
     */
    private static final int WARMUP_ROUNDS = Integer.getInteger("bench.warmup.rounds", 1);
    /** The answer rate the measured replay is held to ({@link AnswerPace}); 0: as fast as the stack takes them. */
    private static final double ANSWERS_PER_SECOND = Double.parseDouble(System.getProperty("bench.answers-per-s", "0"));
    /**
     * The replayed projects' learning policy, as JSON ({@code -Dbench.learning='{"strategy": "NONE"}'}); absent,
     * the platform's default: a single-label project with text trains a model and ranks its pool by it. The
     * replay's items hold a text, so that default costs trainings and predictions the bench then measures.
     */
    private static final String LEARNING = System.getProperty("bench.learning");

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
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        String mode = args.length > 2 ? args[2] : "empty";
        if (!List.of("empty", "filled", "both").contains(mode)) {
            throw new IllegalArgumentException("the third argument is empty, filled or both, not " + mode);
        }
        int fillProjects = Integer.getInteger("bench.fill.projects", 200);
        int fillItems = Integer.getInteger("bench.fill.items", 1_000_000);
        // the crowd sets cannot be shipped with the repository: this fails at once, saying where to put one
        Path folder = DatasetsFolder.fromSystemProperty().crowdDataset("relevance-4class");
        CrowdDataset full = CrowdDataset.read(folder);
        CrowdDataset dataset = items > 0 ? full.firstItems(items) : full;
        System.out.printf("pipeline.cores=%d%n", Runtime.getRuntime().availableProcessors());
        System.out.printf("pipeline.dataset=%s items=%d answer_rows=%d distinct_worker_item_answers=%d workers=%d%n",
                dataset.name(), dataset.items().size(), dataset.answers().size(),
                dataset.answersByWorker().values().stream().mapToInt(Map::size).sum(), dataset.workers().size());
        System.out.printf("pipeline.learning_policy=%s%n", LEARNING == null ? "default" : LEARNING);

        switch (mode) {
            case "empty" -> measure("pipeline", dataset, concurrency, null);
            case "filled" -> measure("pipeline", dataset, concurrency, new Fill(fillProjects, fillItems));
            default -> {
                // each run on a stack of its own, started fresh, so the second gains nothing from the first
                Figures empty = measure("pipeline.empty", dataset, concurrency, null);
                Figures filled = measure("pipeline.filled", dataset, concurrency, new Fill(fillProjects, fillItems));
                compare(empty, filled);
            }
        }
    }

    /** Other projects' data written into the stack before the replay ({@link OtherProjectsFiller}). */
    record Fill(int projects, int items) {
    }

    /** What a run measured, for the side-by-side comparison. */
    record Figures(long answers, Map<String, Double> cpuUsed, double answersPerSecond, Onlookers onlookers) {

        double cpuPerAnswer() {
            return cpuUsed.values().stream().mapToDouble(Double::doubleValue).sum() / answers;
        }

        double cpuPerAnswer(String process) {
            return cpuUsed.entrySet().stream().filter(e -> e.getKey().equals(process)
                            || process.equals("postgres") && e.getKey().startsWith("postgres."))
                    .mapToDouble(Map.Entry::getValue).sum() / answers;
        }
    }

    /** The empty run's and the filled run's figures side by side, with the filled run's over the empty run's. */
    private static void compare(Figures empty, Figures filled) {
        System.out.printf("pipeline.compare.cpu_ms_per_answer empty=%.2f filled=%.2f ratio=%.2f%n",
                empty.cpuPerAnswer(), filled.cpuPerAnswer(), filled.cpuPerAnswer() / empty.cpuPerAnswer());
        List<String> processes = new ArrayList<>();
        empty.cpuUsed().keySet().stream().filter(name -> !name.startsWith("postgres.")).forEach(processes::add);
        processes.add("postgres");
        for (String process : processes) {
            System.out.printf("pipeline.compare.cpu_ms_per_answer.%s empty=%.2f filled=%.2f ratio=%.2f%n", process,
                    empty.cpuPerAnswer(process), filled.cpuPerAnswer(process),
                    filled.cpuPerAnswer(process) / empty.cpuPerAnswer(process));
        }
        System.out.printf("pipeline.compare.answers_per_s empty=%.1f filled=%.1f ratio=%.2f%n",
                empty.answersPerSecond(), filled.answersPerSecond(), filled.answersPerSecond() / empty.answersPerSecond());
        for (String kind : Onlookers.kinds()) {
            double before = empty.onlookers().medianMs(kind);
            double after = filled.onlookers().medianMs(kind);
            System.out.printf("pipeline.compare.onlookers.%s.p50_ms empty=%.2f filled=%.2f ratio=%.2f%n", kind, before,
                    after, after / before);
        }
    }

    private static Figures measure(String prefix, CrowdDataset dataset, int concurrency, Fill fill) throws Exception {
        try (BenchStack.Started started = BenchStack.start("320m")) {
            Map<String, String> urls = new LinkedHashMap<>();
            started.stack().services().forEach((name, process) -> urls.put(name, process.baseUrl()));
            String bootstrap = started.stack().bootstrapServers();
            if (fill != null) {
                new OtherProjectsFiller(started.stack().jdbcUrl()).fill(prefix, fill.projects(),
                        fill.items() / fill.projects());
            }

            StackCpu cpu = started.cpu();
            StackClient client = new StackClient(urls);
            Supplier<Onlookers> newOnlookers = () -> new Onlookers(client, started.stack().jdbcUrl(),
                    List.copyOf(dataset.workers()), ANSWERS_PER_ONLOOKER_ROUND);
            Onlookers onlookers = newOnlookers.get();
            if (WARMUP_ITEMS > 0) {
                warmUp(prefix, client, bootstrap, cpu, dataset.firstItems(WARMUP_ITEMS), concurrency, urls.keySet(),
                        newOnlookers);
            }
            PgStatements statements = new PgStatements(started.stack().jdbcUrl());
            boolean statementsCounted = statements.reset();
            Map<String, Double> cpuBefore = cpu.snapshot();
            Map<String, Map<String, Double>> threadsBefore = cpu.threadSnapshot();
            long driverCpuBefore = driverCpuMs();

            Instant began = Instant.now();
            AnswerPace pace = new AnswerPace(ANSWERS_PER_SECOND);
            if (pace.paced()) {
                System.out.printf("%s.paced_answers_per_s=%.1f (the measured replay held to this rate)%n", prefix,
                        ANSWERS_PER_SECOND);
            }
            onlookers.start();
            DatasetReplay.Outcome outcome;
            try (onlookers) {
                outcome = replay(client, dataset, concurrency).run((submitted, total) -> {
                    onlookers.answered();
                    progress(prefix, submitted, total);
                    pace.answered(submitted);
                });
            }
            Map<UUID, GoldLabel> gold = awaitGold(bootstrap, outcome, Duration.ofMinutes(10));
            Map<String, Double> cpuUsed = StackCpu.between(cpuBefore, cpu.snapshot());
            Map<String, Map<String, Double>> threadsAfter = cpu.threadSnapshot();
            long driverCpu = driverCpuMs() - driverCpuBefore;
            Instant lastGold = gold.values().stream().map(GoldLabel::decidedAt).max(Instant::compareTo).orElseThrow();
            double seconds = Duration.between(began, lastGold).toMillis() / 1000.0;

            System.out.printf("%s.replay.answers=%d replay_seconds=%.1f%n", prefix, outcome.answers(),
                    outcome.duration().toMillis() / 1000.0);
            System.out.printf("%s.gold.items=%d of %d%n", prefix, gold.size(), outcome.items());
            System.out.printf("%s.end_to_end_seconds=%.1f (project creation to the last gold label)%n", prefix, seconds);
            System.out.printf("%s.answers_per_s=%.1f%n", prefix, outcome.answers() / seconds);

            Map<UUID, List<Seen>> annotations = scan(bootstrap, Topics.ANNOTATIONS, outcome.projectId(),
                    AnnotationSubmitted.SUBMITTED, AnnotationSubmitted.class, AnnotationSubmitted::itemId,
                    AnnotationSubmitted::submittedAt, annotation -> null);
            // an item's first gold label is when the pipeline decided it; a later version (a crowd model fit that
            // changed its consensus) improves the label, and its time says nothing of the pipeline's delay
            Map<UUID, Instant> firstGold = new HashMap<>();
            scan(bootstrap, Topics.GOLD, outcome.projectId(), GoldLabel.class.getSimpleName(), GoldLabel.class,
                    GoldLabel::itemId, GoldLabel::decidedAt, label -> null)
                    .forEach((item, versions) -> firstGold.put(item,
                            versions.stream().map(Seen::at).min(Instant::compareTo).orElseThrow()));
            List<Long> latencies = new ArrayList<>();
            firstGold.forEach((item, decided) -> {
                List<Seen> labels = annotations.get(item);
                if (labels != null) {
                    Instant last = labels.stream().map(Seen::at).max(Instant::compareTo).orElseThrow();
                    latencies.add(Duration.between(last, decided).toMillis());
                }
            });
            Collections.sort(latencies);
            System.out.printf("%s.last_annotation_to_gold.samples=%d (to each item's first gold label)%n", prefix,
                    latencies.size());
            if (!latencies.isEmpty()) {
                System.out.printf("%1$s.last_annotation_to_gold.p50_ms=%2$d%n%1$s.last_annotation_to_gold.p99_ms=%3$d%n"
                                + "%1$s.last_annotation_to_gold.max_ms=%4$d%n", prefix, percentile(latencies, 0.50),
                        percentile(latencies, 0.99), latencies.get(latencies.size() - 1));
            }
            System.out.printf("%s.gold.revised=%d (items whose gold label a later assessment changed)%n", prefix,
                    gold.values().stream().filter(label -> label.version() > 1).count());
            printBacklogDrain(prefix, began, annotations,
                    firstGold.values().stream().max(Instant::compareTo).orElse(lastGold));
            printHops(prefix, bootstrap, outcome.projectId(), annotations, firstGold);
            printAccuracy(prefix, dataset, outcome, gold);
            onlookers.print(prefix);
            // from project creation until every gold label was on the broker: every stack process, not the driver
            StackCpu.print(prefix, cpuUsed, outcome.answers());
            StackCpu.printThreads(prefix, threadsBefore, threadsAfter, outcome.answers(), "answer", THREADS_SHOWN);
            System.out.printf("%s.driver_cpu_ms_per_answer=%.2f (the replaying client, not counted above)%n", prefix,
                    driverCpu / (double) outcome.answers());
            if (statementsCounted) {
                statements.printTop(prefix + ".pg", 12, outcome.answers());
            }
            return new Figures(outcome.answers(), cpuUsed, outcome.answers() / seconds, onlookers);
        }
    }

    private static DatasetReplay replay(StackClient client, CrowdDataset dataset, int concurrency) throws IOException {
        DatasetReplay replay = new DatasetReplay(client, dataset, "DAWID_SKENE", concurrency, Duration.ofMinutes(90));
        return LEARNING == null ? replay
                : replay.withLearningPolicy(EventCodec.mapper().readValue(LEARNING, new TypeReference<>() { }));
    }

    /**
     * Replays the first items into a project of their own, until each has its gold label, before the measured
     * replay: the services' just-in-time compilation, which a stack running for days has long behind it, then
     * weighs on the warm-up's figures, printed for comparison, and no longer on the measured ones.
     */
    private static void warmUp(String prefix, StackClient client, String bootstrap, StackCpu cpu, CrowdDataset items,
                               int concurrency, Collection<String> services, Supplier<Onlookers> newOnlookers)
            throws Exception {
        for (int round = 1; ; round++) {
            Map<String, Double> before = cpu.snapshot();
            Map<String, Map<String, Double>> threadsBefore = cpu.threadSnapshot();
            // the onlookers' requests too, so that the code of their endpoints is compiled before it is measured
            Onlookers onlookers = newOnlookers.get();
            onlookers.start();
            DatasetReplay.Outcome outcome;
            try (onlookers) {
                outcome = replay(client, items, concurrency).run((submitted, total) -> onlookers.answered());
            }
            Map<UUID, GoldLabel> gold = awaitGold(bootstrap, outcome, Duration.ofMinutes(10));
            Map<String, Double> used = StackCpu.between(before, cpu.snapshot());
            double compiling = StackCpu.threadShare(threadsBefore, cpu.threadSnapshot(), services,
                    StackCpu.COMPILER_THREADS);
            System.out.printf("%s.warmup%s.items=%d answers=%d gold=%d cpu_ms_per_answer=%.2f"
                            + " services_compiler_share=%.2f (a project of its own, before the measured replay)%n",
                    prefix, round == 1 ? "" : ".round" + round, outcome.items(), outcome.answers(), gold.size(),
                    used.values().stream().mapToDouble(Double::doubleValue).sum() / outcome.answers(), compiling);
            if (compiling < StackCpu.SETTLED_COMPILER_SHARE || round >= WARMUP_ROUNDS) {
                return;
            }
        }
    }

    /** This JVM's own CPU time so far (the replaying client and the topic readers), milliseconds. */
    private static long driverCpuMs() {
        return java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                .getProcessCpuTime() / 1_000_000;
    }

    /** A line every 5,000 answers, so a long replay shows it is moving. */
    private static void progress(String prefix, int submitted, int total) {
        if (submitted % 5000 == 0 || submitted == total) {
            System.out.printf("%s.progress=%d/%d answers%n", prefix, submitted, total);
        }
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

    /**
     * How long the pipeline's backlog took to clear once the annotators were done: from the last answer to the
     * last item's first gold label, against the replay's span from project creation to the last answer. A
     * pipeline that keeps up clears it within a small share of the replay; one that falls behind carries minutes
     * of answers over.
     */
    private static void printBacklogDrain(String prefix, Instant began, Map<UUID, List<Seen>> annotations,
                                          Instant lastDecided) {
        Instant lastAnswer = annotations.values().stream().flatMap(List::stream).map(Seen::at)
                .max(Instant::compareTo).orElse(began);
        double replaySeconds = Duration.between(began, lastAnswer).toMillis() / 1000.0;
        double drainSeconds = Duration.between(lastAnswer, lastDecided).toMillis() / 1000.0;
        System.out.printf("%s.backlog_drain_seconds=%.1f replay_seconds=%.1f share=%.3f (last answer to last item's"
                        + " first gold label, against project creation to last answer)%n", prefix, drainSeconds,
                replaySeconds, drainSeconds / replaySeconds);
    }

    /**
     * When an event happened (its own timestamp), when its record reached the broker, and for an assessment its
     * decision (null for other events).
     */
    record Seen(Instant at, Instant published, String decision) {
    }

    /** Reads a topic from the start: for each item of the project, every event of the given type. */
    private static <T> Map<UUID, List<Seen>> scan(String bootstrap, String topic, UUID projectId, String type,
                                                  Class<T> payloadType,
                                                  java.util.function.Function<T, UUID> item,
                                                  java.util.function.Function<T, Instant> at,
                                                  java.util.function.Function<T, String> decision) {
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
                                .add(new Seen(at.apply(payload), Instant.ofEpochMilli(record.timestamp()),
                                        decision.apply(payload)));
                    }
                }
            }
        }
        return seen;
    }

    /**
     * Where the time from an item's last annotation to its gold label goes: the annotation's trip through
     * annotation-service's outbox to the broker; quality-service's decision up to its record on the broker
     * (ItemAssessed carries its annotation's time, not the time of processing, so the records' broker
     * timestamps measure this hop); and adjudication-service turning the decision into the gold label.
     */
    private static void printHops(String prefix, String bootstrap, UUID projectId, Map<UUID, List<Seen>> annotations,
                                  Map<UUID, Instant> firstGold) {
        Map<UUID, List<Seen>> assessments = scan(bootstrap, Topics.ITEM_QUALITY, projectId, ItemAssessed.class.getSimpleName(),
                ItemAssessed.class, ItemAssessed::itemId, ItemAssessed::assessedAt,
                assessed -> assessed.decision().name());
        List<Long> toBroker = new ArrayList<>();
        List<Long> toDecision = new ArrayList<>();
        List<Long> toGold = new ArrayList<>();
        List<long[]> slowest = new ArrayList<>();
        List<Long> decidedOnLastLabel = new ArrayList<>();
        Map<String, Integer> waitedAfter = new java.util.TreeMap<>();
        Instant first = annotations.values().stream().flatMap(List::stream).map(Seen::published)
                .min(Instant::compareTo).orElse(Instant.EPOCH);
        firstGold.forEach((item, decided) -> {
            List<Seen> labels = annotations.get(item);
            List<Seen> decisions = assessments.get(item);
            if (labels == null || decisions == null) {
                return;
            }
            Seen last = labels.stream().max(java.util.Comparator.comparing(Seen::at)).orElseThrow();
            decisions.stream().filter(d -> !d.at().isBefore(last.at()))
                    .min(java.util.Comparator.comparing(Seen::published)).ifPresent(decision -> {
                        toBroker.add(Duration.between(last.at(), last.published()).toMillis());
                        toDecision.add(Duration.between(last.published(), decision.published()).toMillis());
                        slowest.add(new long[]{Duration.between(last.published(), decision.published()).toMillis(),
                                Duration.between(first, last.published()).toMillis()});
                        toGold.add(Duration.between(decision.published(), decided).toMillis());
                        if (ItemDecision.RESOLVED.name().equals(decision.decision())) {
                            decidedOnLastLabel.add(Duration.between(last.at(), decided).toMillis());
                        } else {
                            waitedAfter.merge(decision.decision(), 1, Integer::sum);
                        }
                    });
        });
        // an item its last label left short of the confidence bar is decided when a later crowd model fit lifts
        // it (or by a reviewer): its wait is the model's, not the pipeline's, so the two are printed apart
        printPercentiles(prefix + ".last_annotation_to_gold.decided_on_last_label", decidedOnLastLabel);
        System.out.printf("%s.last_annotation_to_gold.decided_later=%d (first decision after the last label: %s)%n",
                prefix, waitedAfter.values().stream().mapToInt(Integer::intValue).sum(), waitedAfter);
        printPercentiles(prefix + ".hop.annotation_submitted_to_broker", toBroker);
        printPercentiles(prefix + ".hop.annotation_on_broker_to_item_assessed_on_broker", toDecision);
        printPercentiles(prefix + ".hop.item_assessed_on_broker_to_gold_decided", toGold);
        // when the slowest decisions happened tells a start-up stall from a steady-state tail
        slowest.sort((x, y) -> Long.compare(y[0], x[0]));
        slowest.stream().limit(5).forEach(s -> System.out.printf(
                "%s.hop.slowest_decision_ms=%d at_s=%.1f (after the first annotation reached the broker)%n",
                prefix, s[0], s[1] / 1000.0));
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

    private static void printAccuracy(String prefix, CrowdDataset dataset, DatasetReplay.Outcome outcome, Map<UUID, GoldLabel> gold) {
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
        System.out.printf("%s.gold_accuracy_vs_truth=%s (%d items with a known truth)%n", prefix,
                scored == 0 ? "n/a" : String.format("%.3f", correct / (double) scored), scored);
    }

    private static long percentile(List<Long> sorted, double p) {
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
