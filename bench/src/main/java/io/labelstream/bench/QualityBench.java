package io.labelstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.EventPayload;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.events.ItemKind;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.project.Guidelines;
import io.labelstream.contracts.project.LabelDefinition;
import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.ProjectMember;
import io.labelstream.contracts.project.ProjectPolicies;
import io.labelstream.contracts.project.ProjectRole;
import io.labelstream.contracts.project.ProjectState;
import io.labelstream.contracts.project.TaskType;
import io.labelstream.devstack.DatasetsFolder;
import io.labelstream.devstack.DevTokens;
import io.labelstream.devstack.EmbeddedPostgresServer;
import io.labelstream.devstack.FreePorts;
import io.labelstream.devstack.InProcessKafka;
import io.labelstream.devstack.ServiceProcess;
import io.labelstream.devstack.TopicLayout;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Annotations per second through quality-service (a child process, -Xmx512m) and the latency from an
 * item's k-th AnnotationSubmitted to its ItemAssessed, next to two baselines measured in the same run: a plain
 * consumer of the same annotations topic that commits one row per record to the same PostgreSQL, and one that
 * inserts a poll's rows as one JDBC batch and commits them together.
 *
 * <p>Three modes, each a separate run so each stays within a few minutes on two cores:
 * <ul>
 *   <li>{@code replay [answers]}: a crowd dataset, relevance-4class unless {@code -Dquality.dataset} names
 *       another (all answers unless limited to the whole items of a prefix), k = 3 (the default policy;
 *       ItemAssessed is published from an item's third label on), in file order, aggregated by the default
 *       method unless {@code -Dquality.aggregation} names another; at the end the live consensus is scored
 *       against the dataset's gold labels. {@code -Dquality.k} sets the project's k (with k = 1 every item with an
 *       answer is decided, and again at each later answer); {@code -Dquality.refit-first-labels} sets when the crowd model is
 *       first fitted (256; beyond the set's size, never);</li>
 *   <li>{@code rebuild [answers]}: the same load through the live path, then a rebuild of the project from the
 *       annotation log ({@code POST /replays}): its annotations per second, and how many items and annotators of
 *       the rebuilt state differ from the live state (none, when the rebuild is right);</li>
 *   <li>{@code flatness [S] [L] [M] [R]}: two projects holding S (10,000) and L (1,000,000) synthetic
 *       annotations, written straight into the service's tables; then M (5,000) new annotations through the
 *       service into each, in R (3) alternating rounds; per-annotation cost of each and their ratio.</li>
 * </ul>
 * {@code ./mvnw -pl bench exec:java -Dexec.mainClass=io.labelstream.bench.QualityBench -Dexec.args="replay"}
 * (after packaging quality-service).
 */
public final class QualityBench {

    private static final String GROUP = "quality-service";
    /** The project's k: labels before an item is decided (the default policy's, 3, unless -Dquality.k). */
    private static final int K = Integer.getInteger("quality.k", ProjectPolicies.defaults().annotatorsPerItem());
    /**
     * Synthetic annotations flooded into a project of their own before anything is measured, so that the measured
     * flood meets the service, the broker and this bench compiled as they run for good, as the plain consumer it is
     * compared with does; {@code -Dquality.warmup}.
     */
    private static final int WARMUP = Integer.getInteger("quality.warmup", 3_000);
    /**
     * Warm-up floods are repeated until the service's JIT compilers settle ({@link StackCpu#SETTLED_COMPILER_SHARE}),
     * at most this many times. One flood is not enough: while the compilers' queue is long after start, the JVM
     * raises the counts a method needs before its optimising compilation, so the methods an annotation runs reach
     * it only in a later flood, which, measured, would time the compilers rather than the service.
     */
    private static final int WARMUP_ROUNDS = Integer.getInteger("quality.warmup-rounds", 6);
    private static final int LATENCY_SAMPLES = 200;
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final List<String> LABELS = List.of("0", "1", "2", "3");
    private static final String DATASET = System.getProperty("quality.dataset", "relevance-4class");
    private static final String AGGREGATION = System.getProperty("quality.aggregation",
            ProjectPolicies.defaults().aggregation());
    /** Labels before a DAWID_SKENE project's first crowd model fit; set beyond the set to replay without fits. */
    private static final String REFIT_FIRST_LABELS = System.getProperty("quality.refit-first-labels", "256");
    /** How long the project's labels are quiet before the last crowd-model fit (the service's default is 60 s). */
    private static final String REFIT_WHEN_QUIET_FOR = System.getProperty("quality.refit-when-quiet-for", "10s");

    /** The project's manager, who may ask for a rebuild. */
    private static final String MANAGER = "bench-manager";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final String bootstrap;
    private final String jdbcUrl;
    private final KafkaProducer<String, String> producer;
    private final OutputWatcher outputs;
    private final Admin admin;
    private final StackCpu cpu;

    private QualityBench(String bootstrap, String jdbcUrl, KafkaProducer<String, String> producer, OutputWatcher outputs,
                         Admin admin, StackCpu cpu) {
        this.bootstrap = bootstrap;
        this.jdbcUrl = jdbcUrl;
        this.producer = producer;
        this.outputs = outputs;
        this.admin = admin;
        this.cpu = cpu;
    }

    /**
     * The processes a replay's CPU is counted over: the service, this bench's JVM (the broker runs in it, beside the
     * producer and the watcher of outputs) and every PostgreSQL process.
     */
    private static StackCpu replayCpu(ServiceProcess service, String jdbcUrl) throws SQLException {
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("quality-service", service.pid());
        pids.put("bench+broker", ProcessHandle.current().pid());
        try (Connection c = DriverManager.getConnection(jdbcUrl, EmbeddedPostgresServer.USER,
                EmbeddedPostgresServer.PASSWORD);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("show data_directory")) {
            r.next();
            return new StackCpu(pids, Path.of(r.getString(1)));
        }
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "replay";
        Path root = Path.of(System.getProperty("labelstream.root", "."));
        Path jar = root.resolve("quality-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package quality-service first");
        }
        // the crowd sets cannot be shipped with the repository: say where to put one before starting anything
        Path dataset = mode.equals("flatness") ? null : DatasetsFolder.fromSystemProperty().crowdDataset(DATASET);
        System.out.printf("quality.cores=%d%n", Runtime.getRuntime().availableProcessors());
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.forBenches();
             InProcessKafka kafka = InProcessKafka.start(3);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            postgres.createSchema("quality", true);
            postgres.createSchema("baseline", true);
            admin.createTopics(TopicLayout.all(3).stream()
                    .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1).configs(t.configs())).toList()).all().get();
            Path work = Files.createTempDirectory("quality-bench");
            Path key = work.resolve("jwt-public.pem");
            Files.writeString(key, DevTokens.publicKeyPem());
            int port = FreePorts.one();
            String jdbcUrl = postgres.jdbcUrl();
            Path log = work.resolve("quality-service.log");
            ServiceProcess service = new ServiceProcess("quality-service",
                    List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar",
                            jar.toString()),
                    Map.of("QUARKUS_HTTP_PORT", String.valueOf(port),
                            "QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl + "?currentSchema=quality",
                            "QUARKUS_DATASOURCE_USERNAME", EmbeddedPostgresServer.USER,
                            "QUARKUS_DATASOURCE_PASSWORD", EmbeddedPostgresServer.PASSWORD,
                            "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                            "MP_JWT_VERIFY_PUBLICKEY_LOCATION", key.toString(),
                            "MP_JWT_VERIFY_ISSUER", DevTokens.ISSUER,
                            "LABELSTREAM_QUALITY_INFERENCE_REFIT_FIRST_LABELS", REFIT_FIRST_LABELS,
                            "LABELSTREAM_QUALITY_INFERENCE_REFIT_WHEN_QUIET_FOR", REFIT_WHEN_QUIET_FOR),
                    log, port);
            try (service; KafkaProducer<String, String> producer = producer(kafka.bootstrapServers());
                 OutputWatcher outputs = new OutputWatcher(kafka.bootstrapServers())) {
                service.start();
                awaitUntil(Duration.ofMinutes(3), service::isReady, "quality-service ready (log: " + log + ")");
                outputs.start();
                QualityBench bench = new QualityBench(kafka.bootstrapServers(), jdbcUrl, producer, outputs, admin,
                        replayCpu(service, jdbcUrl));
                Instant began = Instant.now();
                if (mode.equals("flatness")) {
                    bench.flatness(args.length > 1 ? Integer.parseInt(args[1]) : 10_000,
                            args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000,
                            args.length > 3 ? Integer.parseInt(args[3]) : 5_000,
                            args.length > 4 ? Integer.parseInt(args[4]) : 3);
                } else if (mode.equals("rebuild")) {
                    int limit = args.length > 1 ? Integer.parseInt(args[1]) : Integer.MAX_VALUE;
                    bench.rebuild(dataset, limit, "http://localhost:" + port);
                } else {
                    int limit = args.length > 1 ? Integer.parseInt(args[1]) : Integer.MAX_VALUE;
                    bench.replay(dataset, limit);
                }
                System.out.printf("quality.bench_seconds=%d%n", Duration.between(began, Instant.now()).toSeconds());
                if (!service.isAlive()) {
                    throw new IllegalStateException("quality-service died; see " + log);
                }
            }
        }
        System.exit(0);
    }

    // ---- replay of the crowd dataset -------------------------------------------------------------

    private void replay(Path dataset, int limit) throws Exception {
        List<String[]> answers = wholeItemsPrefix(dataset, limit);
        warmUp();

        UUID projectId = defineProject();
        Map<String, UUID> itemIds = new LinkedHashMap<>();
        answers.forEach(a -> itemIds.computeIfAbsent(a[0], i -> UUID.randomUUID()));
        ingest(projectId, itemIds.values());
        long annotationsBefore = endOffset(Topics.ANNOTATIONS);

        Map<String, Integer> sentPerItem = new HashMap<>();
        Map<String, Long> kthSentAt = new HashMap<>();
        PgStatements statements = new PgStatements(jdbcUrl);
        boolean statementsCounted = statements.reset();
        Map<String, Double> cpuBefore = cpu.snapshot();
        Map<String, Map<String, Double>> threadsBefore = cpu.threadSnapshot();
        long start = System.nanoTime();
        for (String[] answer : answers) {
            UUID itemId = itemIds.get(answer[0]);
            send(annotation(projectId, itemId, answer[1], answer[2], 15_000));
            if (sentPerItem.merge(answer[0], 1, Integer::sum) == K) {
                kthSentAt.put(itemId.toString(), System.nanoTime());
            }
        }
        producer.flush();
        double produced = (System.nanoTime() - start) / 1e9;
        // generous: a flood of a hundred thousand answers takes minutes on two cores, longer with k = 1
        long end = awaitProcessed(projectId, Duration.ofMinutes(30));
        Map<String, Double> cpuUsed = StackCpu.between(cpuBefore, cpu.snapshot());
        Map<String, Map<String, Double>> threadsAfter = cpu.threadSnapshot();
        double seconds = (end - start) / 1e9;
        List<Long> loaded = new ArrayList<>();
        kthSentAt.forEach((item, sent) -> {
            Long seen = outputs.firstAssessed(item);
            if (seen != null) {
                loaded.add(seen - sent);
            }
        });
        System.out.printf("quality.replay.dataset=%s answers=%d items=%d k=%d aggregation=%s refit_first_labels=%s%n",
                DATASET, answers.size(), itemIds.size(), K, AGGREGATION, REFIT_FIRST_LABELS);
        System.out.printf("quality.replay.produce_seconds=%.1f%n", produced);
        System.out.printf("quality.replay.seconds=%.1f%n", seconds);
        double rate = answers.size() / seconds;
        System.out.printf("quality.replay.annotations_per_s=%.0f%n", rate);
        System.out.printf("quality.replay.item_assessed=%d annotator_assessed=%d (outputs of the project)%n",
                outputs.assessedItems(projectId), outputs.assessedAnnotators(projectId));
        printLatency("quality.replay.kth_to_item_assessed_under_flood", loaded, kthSentAt.size());
        // what the flood cost, whatever ran beside it: the quiet wait at its end adds next to nothing
        StackCpu.print("quality.replay", cpuUsed, answers.size());
        StackCpu.printThreads("quality.replay", threadsBefore, threadsAfter, answers.size(), "annotation", 8);
        if (statementsCounted) {
            statements.printTop("quality.replay.pg", 12, answers.size());
        }
        printGoldAccuracy(projectId, itemIds, dataset.resolve("truth.csv"), "quality.replay.gold_accuracy");
        long quietFrom = System.nanoTime();
        if (awaitFittedOverAllLabels(projectId, Duration.ofMinutes(10))) {
            System.out.printf("quality.replay.quiet_fit_seconds=%.1f (last answer processed to the fit over all"
                    + " labels, quiet time %s)%n", (System.nanoTime() - quietFrom) / 1e9, REFIT_WHEN_QUIET_FOR);
            printGoldAccuracy(projectId, itemIds, dataset.resolve("truth.csv"),
                    "quality.replay.gold_accuracy_after_quiet_fit");
        } else {
            System.out.println("quality.replay.quiet_fit=none within 10 minutes");
        }

        unloadedLatency();

        long records = endOffset(Topics.ANNOTATIONS);
        double baseline = baseline(records, false);
        System.out.printf("quality.baseline.annotations_per_s=%.0f (plain consumer, one JDBC row committed per record,"
                + " %d records of the same topic)%n", baseline, records);
        System.out.printf("quality.ratio=%.2f (service / baseline)%n", rate / baseline);
        double batched = baseline(records, true);
        System.out.printf("quality.baseline_batched.annotations_per_s=%.0f (plain consumer, a poll's rows inserted as"
                + " one JDBC batch and committed together, %d records of the same topic)%n", batched, records);
        System.out.printf("quality.ratio_to_batched=%.2f (service / batched baseline)%n", rate / batched);
        if (records - annotationsBefore < answers.size()) {
            throw new IllegalStateException("not every answer reached the topic");
        }
    }

    /** The answers of whole items, in order of first appearance, until at least {@code limit} answers. */
    private static List<String[]> wholeItemsPrefix(Path dataset, int limit) throws IOException {
        List<String[]> all = csvRows(dataset.resolve("answers.csv"));
        Map<String, Integer> perItem = new LinkedHashMap<>();
        all.forEach(a -> perItem.merge(a[0], 1, Integer::sum));
        java.util.Set<String> keep = new java.util.HashSet<>();
        int kept = 0;
        for (Map.Entry<String, Integer> item : perItem.entrySet()) {
            if (kept >= limit) {
                break;
            }
            keep.add(item.getKey());
            kept += item.getValue();
        }
        List<String[]> answers = all.stream().filter(a -> keep.contains(a[0])).toList();
        System.out.printf("quality.replay.full_dataset answers=%d items=%d; replayed: whole items in order of first"
                + " appearance until >= %d answers%n", all.size(), perItem.size(), Math.min(limit, all.size()));
        return answers;
    }

    // ---- rebuild from the annotation log ----------------------------------------------------------

    /**
     * The answers go through the live path as in {@code replay}; once the service is quiet (and a
     * {@code DAWID_SKENE} project's crowd model is fitted over every label), the project is rebuilt from the log
     * and compared with the live state, row by row.
     */
    private void rebuild(Path dataset, int limit, String baseUrl) throws Exception {
        List<String[]> answers = wholeItemsPrefix(dataset, limit);
        warmUp();
        UUID projectId = defineProject();
        Map<String, UUID> itemIds = new LinkedHashMap<>();
        answers.forEach(a -> itemIds.computeIfAbsent(a[0], i -> UUID.randomUUID()));
        ingest(projectId, itemIds.values());
        long start = System.nanoTime();
        for (String[] answer : answers) {
            send(annotation(projectId, itemIds.get(answer[0]), answer[1], answer[2], 15_000));
        }
        producer.flush();
        long end = awaitProcessed(projectId, Duration.ofMinutes(30));
        System.out.printf("quality.rebuild.dataset=%s answers=%d items=%d k=%d aggregation=%s%n", DATASET,
                answers.size(), itemIds.size(), K, AGGREGATION);
        System.out.printf("quality.rebuild.live_annotations_per_s=%.0f (the load through the live path)%n",
                answers.size() / ((end - start) / 1e9));
        if (AGGREGATION.equals("DAWID_SKENE") && !awaitFittedOverAllLabels(projectId, Duration.ofMinutes(5))) {
            System.out.println("quality.rebuild.quiet_fit=none within 5 minutes");
        }
        awaitProcessed(projectId, Duration.ofMinutes(1));
        QualityRows live = QualityRows.of(jdbcUrl, projectId);

        PgStatements statements = new PgStatements(jdbcUrl);
        boolean counting = statements.reset();
        long asked = System.nanoTime();
        JsonNode replay = requestRebuild(baseUrl, projectId);
        double wall = (System.nanoTime() - asked) / 1e9;
        if (!replay.path("state").asText().equals("COMPLETED")) {
            throw new IllegalStateException("the rebuild did not complete: " + replay);
        }
        long applied = replay.path("annotationsApplied").asLong();
        double seconds = Duration.between(Instant.parse(replay.path("requestedAt").asText()),
                Instant.parse(replay.path("finishedAt").asText())).toMillis() / 1e3;
        System.out.printf("quality.rebuild.records_read=%d annotations_applied=%d%n",
                replay.path("recordsRead").asLong(), applied);
        System.out.printf("quality.rebuild.seconds=%.1f (requested to finished; %.1f s until the bench saw it)%n",
                seconds, wall);
        System.out.printf("quality.rebuild.annotations_per_s=%.0f%n", applied / seconds);
        QualityRows rebuilt = QualityRows.of(jdbcUrl, projectId);
        System.out.printf("quality.rebuild.items_differing=%d of %d; annotators_differing=%d of %d (rebuilt vs live)%n",
                rebuilt.itemsDifferingFrom(live), live.items().size(), rebuilt.annotatorsDifferingFrom(live),
                live.annotators().size());
        if (counting) {
            statements.printTop("quality.rebuild.pg", 12, applied);
        }
    }

    /** Asks for a rebuild of the project and waits for it to finish; answers its final status. */
    private static JsonNode requestRebuild(String baseUrl, UUID projectId) throws Exception {
        String bearer = "Bearer " + DevTokens.mint(MANAGER, "manager");
        HttpResponse<String> asked = HTTP.send(HttpRequest.newBuilder(
                        URI.create(baseUrl + "/projects/" + projectId + "/quality/replays"))
                .header("Authorization", bearer).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (asked.statusCode() != 202) {
            throw new IllegalStateException("rebuild refused: " + asked.statusCode() + " " + asked.body());
        }
        URI status = URI.create(asked.headers().firstValue("Location").orElseThrow());
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode replay = EventCodec.mapper().readTree(HTTP.send(HttpRequest.newBuilder(status)
                    .header("Authorization", bearer).build(), HttpResponse.BodyHandlers.ofString()).body());
            if (!replay.path("state").asText().equals("RUNNING")) {
                return replay;
            }
            pause(100);
        }
        throw new IllegalStateException("the rebuild did not finish within 30 minutes");
    }

    /**
     * The live consensus of the replayed items, as the service holds it after the last answer, against the
     * dataset's gold labels. Scored are the gold items with at least one answer; one that was never decided
     * (fewer than k answers) counts as wrong, as it would for a user waiting on it.
     */
    private void printGoldAccuracy(UUID projectId, Map<String, UUID> itemIds, Path truthFile, String key)
            throws Exception {
        Map<UUID, String> consensus = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl + "?currentSchema=quality",
                EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
             PreparedStatement query = connection.prepareStatement(
                     "select item_id, consensus_label ->> 'choice' from quality_item where project_id = ?")) {
            query.setObject(1, projectId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    if (rows.getString(2) != null) {
                        consensus.put(rows.getObject(1, UUID.class), rows.getString(2));
                    }
                }
            }
        }
        int scored = 0;
        int right = 0;
        int undecided = 0;
        for (String[] gold : csvRows(truthFile)) {
            UUID itemId = itemIds.get(gold[0]);
            if (itemId == null) {
                continue;
            }
            scored++;
            String label = consensus.get(itemId);
            if (label == null) {
                undecided++;
            } else if (label.equals(gold[1])) {
                right++;
            }
        }
        System.out.printf("%s=%.4f (%d of %d gold items with an answer; %d of them undecided,"
                + " counted wrong)%n", key, scored == 0 ? 0.0 : right / (double) scored, right, scored, undecided);
    }

    /** Waits until the project's crowd model was fitted over every label it holds; false if not within the wait. */
    private boolean awaitFittedOverAllLabels(UUID projectId, Duration wait) throws Exception {
        Instant until = Instant.now().plus(wait);
        try (Connection connection = DriverManager.getConnection(jdbcUrl + "?currentSchema=quality",
                EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
             PreparedStatement query = connection.prepareStatement("select (select count(*) from quality_label"
                     + " where project_id = ?) = (select fitted_labels from quality_model where project_id = ?)")) {
            query.setObject(1, projectId);
            query.setObject(2, projectId);
            while (Instant.now().isBefore(until)) {
                try (ResultSet rows = query.executeQuery()) {
                    if (rows.next() && rows.getBoolean(1)) {
                        return true;
                    }
                }
                Thread.sleep(500);
            }
        }
        return false;
    }

    /** The rows of a dataset CSV file after its header line, split on commas. */
    private static List<String[]> csvRows(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    rows.add(line.split(",", -1));
                }
            }
        }
        return rows;
    }

    /** Items whose first k-1 labels are in; then the k-th label of one item at a time, timed to its ItemAssessed. */
    private void unloadedLatency() throws Exception {
        UUID projectId = defineProject();
        List<UUID> items = new ArrayList<>();
        for (int i = 0; i < LATENCY_SAMPLES; i++) {
            items.add(UUID.randomUUID());
        }
        ingest(projectId, items);
        for (UUID item : items) {
            for (int j = 0; j < K - 1; j++) {
                send(annotation(projectId, item, "lat-w" + j, "1", 15_000));
            }
        }
        producer.flush();
        if (K > 1) {
            awaitProcessed(projectId, Duration.ofMinutes(2));
        }
        List<Long> latencies = new ArrayList<>();
        for (UUID item : items) {
            long sent = System.nanoTime();
            producer.send(record(annotation(projectId, item, "lat-w" + K, "1", 15_000))).get();
            long deadline = sent + Duration.ofSeconds(30).toNanos();
            Long seen;
            while ((seen = outputs.firstAssessed(item.toString())) == null) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no ItemAssessed for " + item + " within 30 s");
                }
                pause(1);
            }
            latencies.add(seen - sent);
        }
        printLatency("quality.unloaded.kth_to_item_assessed", latencies, items.size());
    }

    // ---- flatness: per-annotation cost in a small and in a large project ---------------------------

    /**
     * Two projects hold {@code smallSize} and {@code largeSize} annotations, written straight into the
     * service's tables ({@link QualityStateFiller}); then {@code measuredCount} new synthetic annotations
     * go through the service into each, in alternating rounds so that warm-up and other load fall on both.
     */
    private void flatness(int smallSize, int largeSize, int measuredCount, int rounds) throws Exception {
        warmUp();
        UUID small = defineProject();
        UUID large = defineProject();
        try (Connection connection = DriverManager.getConnection(jdbcUrl + "?currentSchema=quality",
                EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD)) {
            long start = System.nanoTime();
            QualityStateFiller.fill(connection, small, smallSize);
            QualityStateFiller.fill(connection, large, largeSize);
            System.out.printf("quality.flatness.fill_seconds=%.1f (%d + %d annotations written to the database)%n",
                    (System.nanoTime() - start) / 1e9, smallSize, largeSize);
        }
        Random random = new Random(7);
        fitAtSize(large, largeSize, random);
        List<Double> smallCosts = new ArrayList<>();
        List<Double> largeCosts = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            smallCosts.add(measure("small", round, small, smallSize, measuredCount, random));
            largeCosts.add(measure("large", round, large, largeSize, measuredCount, random));
        }
        double smallMs = median(smallCosts);
        double largeMs = median(largeCosts);
        System.out.printf("quality.flatness.small.project_annotations=%d ms_per_annotation=%.3f (median of rounds)%n",
                smallSize, smallMs);
        System.out.printf("quality.flatness.large.project_annotations=%d ms_per_annotation=%.3f (median of rounds)%n",
                largeSize, largeMs);
        System.out.printf("quality.flatness.ratio_large_over_small=%.2f (per-annotation cost; 1.0 = flat)%n",
                largeMs / smallMs);
    }

    /**
     * One crowd model fit over the large project, as when its labels have grown by half since the last: the
     * filler's model is marked as fitted at two thirds of the size, and one more item comes in. The fit runs
     * after that item's first label; a fit over N labels is paid for by the N/3 labels since the previous one.
     */
    private void fitAtSize(UUID projectId, int size, Random random) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl + "?currentSchema=quality",
                EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
             PreparedStatement due = connection.prepareStatement(
                     "update quality_model set fitted_labels = ? where project_id = ?");
             PreparedStatement query = connection.prepareStatement(
                     "select fitted_labels from quality_model where project_id = ?")) {
            due.setLong(1, size * 2L / 3);
            due.setObject(2, projectId);
            due.executeUpdate();
            query.setObject(1, projectId);
            long start = System.nanoTime();
            syntheticInto(projectId, 5, random);
            awaitUntil(Duration.ofMinutes(15), () -> {
                try (ResultSet result = query.executeQuery()) {
                    return result.next() && result.getLong(1) >= size;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, "the crowd model fitted over the large project");
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("quality.flatness.fit.project_annotations=%d seconds=%.1f amortised_ms_per_annotation=%.3f "
                    + "(over the %d annotations since the previous fit)%n", size, seconds, seconds * 1000 / (size / 3.0),
                    size / 3);
        }
        awaitProcessed(projectId, Duration.ofMinutes(5));
    }

    /** Milliseconds per annotation for {@code count} new annotations into the project. */
    private double measure(String name, int round, UUID projectId, int size, int count, Random random) throws Exception {
        long start = System.nanoTime();
        int sent = syntheticInto(projectId, count, random);
        long end = awaitProcessed(projectId, Duration.ofMinutes(5));
        double ms = (end - start) / 1e6 / sent;
        System.out.printf("quality.flatness.round%d.%s (holds %d) annotations=%d ms_per_annotation=%.3f%n", round, name,
                size, sent, ms);
        return ms;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * Items of five labels each from a pool of 200 workers, who give the item's true label three times in
     * four; the items are ingested first, then their labels in a random order, as a crowd's arrive: an item's
     * labels land in different poll batches, so the warm-up also runs what a label costs when its item's earlier
     * labels are already stored (reading them, scoring them again), as the measured crowd replay does.
     */
    private int syntheticInto(UUID projectId, int annotations, Random random) throws Exception {
        int itemCount = annotations / 5;
        List<UUID> items = new ArrayList<>();
        for (int i = 0; i < itemCount; i++) {
            items.add(UUID.randomUUID());
        }
        ingest(projectId, items);
        List<AnnotationSubmitted> flood = new ArrayList<>();
        for (UUID item : items) {
            String truth = LABELS.get(random.nextInt(LABELS.size()));
            int first = random.nextInt(200);
            for (int j = 0; j < 5; j++) {
                String label = random.nextInt(4) < 3 ? truth : LABELS.get(random.nextInt(LABELS.size()));
                flood.add(annotation(projectId, item, "syn-w" + ((first + j * 37) % 200), label,
                        3_000 + random.nextInt(27_000)));
            }
        }
        Collections.shuffle(flood, random);
        for (AnnotationSubmitted annotation : flood) {
            send(annotation);
        }
        producer.flush();
        return itemCount * 5;
    }

    private void warmUp() throws Exception {
        for (int round = 1; ; round++) {
            Map<String, Map<String, Double>> before = cpu.threadSnapshot();
            UUID projectId = defineProject();
            long start = System.nanoTime();
            int sent = syntheticInto(projectId, WARMUP, new Random(round));
            long end = awaitProcessed(projectId, Duration.ofMinutes(3));
            // the warm-up project's fit once its labels are quiet would otherwise fall within the measured flood
            boolean fits = "DAWID_SKENE".equals(AGGREGATION) && Integer.parseInt(REFIT_FIRST_LABELS) <= sent;
            if (fits && !awaitFittedOverAllLabels(projectId, Duration.ofMinutes(3))) {
                throw new IllegalStateException("the warm-up project's quiet-time fit did not come within 3 minutes");
            }
            double compiling = StackCpu.threadShare(before, cpu.threadSnapshot(), List.of(GROUP),
                    StackCpu.COMPILER_THREADS);
            System.out.printf("quality.warmup.round%d annotations=%d annotations_per_s=%.0f"
                    + " compiler_share_of_service_cpu=%.2f%n", round, sent, sent / ((end - start) / 1e9), compiling);
            if (compiling < StackCpu.SETTLED_COMPILER_SHARE || round == WARMUP_ROUNDS) {
                return;
            }
        }
    }

    // ---- the baseline ----------------------------------------------------------------------------

    /**
     * Reads the whole annotations topic; per record: parse the envelope, insert one row. Unbatched, each row
     * commits on its own; batched, a poll's rows go as one JDBC batch in one transaction.
     */
    private double baseline(long records, boolean batched) throws Exception {
        String table = batched ? "annotation_batch_row" : "annotation_row";
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, batched ? "bench-baseline-batched" : "bench-baseline");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (Connection connection = DriverManager.getConnection(jdbcUrl + "?currentSchema=baseline",
                EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("create table " + table + " (event_id uuid primary key, item_id text not null,"
                        + " body jsonb not null, received_at timestamptz not null default now())");
            }
            connection.setAutoCommit(!batched);
            consumer.subscribe(List.of(Topics.ANNOTATIONS));
            long seen = 0;
            long start = System.nanoTime();
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into " + table + " (event_id, item_id, body) values (?, ?, cast(? as jsonb))")) {
                while (seen < records) {
                    ConsumerRecords<String, String> batch = consumer.poll(Duration.ofMillis(200));
                    for (ConsumerRecord<String, String> record : batch) {
                        EventEnvelope envelope = EventCodec.read(record.value());
                        insert.setObject(1, envelope.eventId());
                        insert.setString(2, record.key());
                        insert.setString(3, record.value());
                        if (batched) {
                            insert.addBatch();
                        } else {
                            insert.executeUpdate();
                        }
                        seen++;
                    }
                    if (!batch.isEmpty()) {
                        if (batched) {
                            insert.executeBatch();
                            connection.commit();
                        }
                        consumer.commitSync();
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("quality.baseline%s.seconds=%.1f%n", batched ? "_batched" : "", seconds);
            return seen / seconds;
        }
    }

    // ---- publishing and waiting ------------------------------------------------------------------

    private UUID defineProject() throws Exception {
        UUID projectId = UUID.randomUUID();
        producer.send(record(new ProjectEvent(projectId, "quality bench", null, ProjectState.ACTIVE, 1, 1,
                new LabelingSchema(TaskType.SINGLE_LABEL,
                        LABELS.stream().map(l -> new LabelDefinition(l, null, null)).toList(), null),
                new Guidelines(1, "bench", List.of(), List.of()), policies(),
                List.of(new ProjectMember(MANAGER, ProjectRole.MANAGER, false)), Instant.now(),
                true))).get();
        return projectId;
    }

    /** The default policies with the aggregation method this run measures. */
    private static ProjectPolicies policies() {
        ProjectPolicies d = ProjectPolicies.defaults();
        return new ProjectPolicies(K, Math.max(K, d.maxAnnotatorsPerItem()), d.goldRate(), d.qualificationItems(),
                d.qualificationMinAccuracy(), d.quarantineAccuracy(), d.autoAcceptConfidence(), d.spotCheckRate(),
                d.targetAgreement(), d.leaseSeconds(), d.revisionGraceSeconds(), d.modelAssisted(),
                d.contentHashDedup(), d.hourlyRate(), d.weight(), AGGREGATION);
    }

    private void ingest(UUID projectId, java.util.Collection<UUID> items) throws Exception {
        int n = 0;
        for (UUID item : items) {
            send(new ItemIngested(item, projectId, "bench-" + n++, ItemKind.REGULAR, false, false,
                    EventCodec.mapper().createObjectNode().put("text", "bench item " + n), null, "h-" + item, 1,
                    Instant.now()));
        }
        producer.flush();
        awaitUntil(Duration.ofMinutes(3), () -> lag(Topics.ITEMS) == 0, "items consumed");
    }

    private static AnnotationSubmitted annotation(UUID projectId, UUID itemId, String worker, String label,
                                                  long durationMs) {
        return new AnnotationSubmitted(UUID.randomUUID(), UUID.randomUUID(), itemId, projectId, worker,
                EventCodec.mapper().createObjectNode().put("choice", label), null, durationMs, 1, 1, 0, Instant.now());
    }

    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();

    private void send(EventPayload payload) {
        if (sendFailure.get() != null) {
            throw new IllegalStateException("a send failed", sendFailure.get());
        }
        producer.send(record(payload), (metadata, e) -> {
            if (e != null) {
                sendFailure.compareAndSet(null, e);
            }
        });
    }

    private static ProducerRecord<String, String> record(EventPayload payload) {
        String topic = payload instanceof ProjectEvent ? Topics.PROJECTS
                : payload instanceof ItemIngested ? Topics.ITEMS : Topics.ANNOTATIONS;
        return new ProducerRecord<>(topic, payload.key(), EventCodec.write(EventCodec.envelope(payload, Clock.systemUTC())));
    }

    /**
     * Waits until quality's group has committed the whole annotations topic and its outputs have been quiet
     * for a moment; answers when the project's last output arrived (nanoTime). Committed offsets trail the
     * processing by up to the commit interval, so the time is taken from the outputs, not from the lag.
     */
    private long awaitProcessed(UUID projectId, Duration timeout) throws Exception {
        awaitUntil(timeout, () -> lag(Topics.ANNOTATIONS) == 0
                && System.nanoTime() - outputs.lastOutputAt() > QUIET.toNanos(), "annotations processed");
        return outputs.lastOutputOf(projectId);
    }

    private long lag(String topic) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions(topic); p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            long lag = 0;
            for (var entry : admin.listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata done = committed.get(entry.getKey());
                lag += entry.getValue().offset() - (done == null ? 0 : done.offset());
            }
            return lag;
        } catch (Exception e) {
            return Long.MAX_VALUE;
        }
    }

    private long endOffset(String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions(topic); p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get().values().stream().mapToLong(i -> i.offset()).sum();
    }

    private int partitions(String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
    }

    private static void printLatency(String prefix, List<Long> nanos, int expected) {
        List<Long> sorted = nanos.stream().sorted().collect(Collectors.toList());
        System.out.printf("%s.samples=%d of %d%n", prefix, sorted.size(), expected);
        if (!sorted.isEmpty()) {
            System.out.printf("%s.p50_ms=%.1f%n%s.p99_ms=%.1f%n%s.max_ms=%.1f%n", prefix, percentile(sorted, 0.50) / 1e6,
                    prefix, percentile(sorted, 0.99) / 1e6, prefix, sorted.get(sorted.size() - 1) / 1e6);
        }
    }

    private static long percentile(List<Long> sorted, double p) {
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(properties);
    }

    private static void pause(long millis) throws InterruptedException {
        Object monitor = new Object();
        synchronized (monitor) {
            monitor.wait(millis);
        }
    }

    private static void awaitUntil(Duration timeout, BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            pause(250);
        }
    }

    /**
     * Follows labeling.item-quality and labeling.annotator-quality from their end on its own thread: counts
     * per project, the arrival of each item's first ItemAssessed and of the latest output.
     */
    private static final class OutputWatcher implements AutoCloseable {

        private final KafkaConsumer<String, String> consumer;
        private final Thread thread;
        private final Map<String, Long> firstAssessed = new ConcurrentHashMap<>();
        private final Map<UUID, AtomicLong> items = new ConcurrentHashMap<>();
        private final Map<UUID, AtomicLong> annotators = new ConcurrentHashMap<>();
        private final Map<UUID, Long> lastOf = new ConcurrentHashMap<>();
        private final AtomicLong last = new AtomicLong(System.nanoTime());
        private volatile boolean running = true;

        OutputWatcher(String bootstrap) {
            Properties properties = new Properties();
            properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            consumer = new KafkaConsumer<>(properties);
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.ITEM_QUALITY, Topics.ANNOTATOR_QUALITY)) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            thread = new Thread(this::follow, "output-watcher");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void follow() {
            while (running) {
                ConsumerRecords<String, String> batch = consumer.poll(Duration.ofMillis(50));
                long now = System.nanoTime();
                for (ConsumerRecord<String, String> record : batch) {
                    if (record.value() == null) {
                        continue;
                    }
                    EventEnvelope envelope = EventCodec.read(record.value());
                    if (record.topic().equals(Topics.ITEM_QUALITY)) {
                        firstAssessed.putIfAbsent(record.key(), now);
                        items.computeIfAbsent(envelope.projectId(), p -> new AtomicLong()).incrementAndGet();
                    } else {
                        annotators.computeIfAbsent(envelope.projectId(), p -> new AtomicLong()).incrementAndGet();
                    }
                    lastOf.put(envelope.projectId(), now);
                    last.set(now);
                }
            }
            consumer.close();
        }

        Long firstAssessed(String itemId) {
            return firstAssessed.get(itemId);
        }

        long assessedItems(UUID projectId) {
            return items.getOrDefault(projectId, new AtomicLong()).get();
        }

        long assessedAnnotators(UUID projectId) {
            return annotators.getOrDefault(projectId, new AtomicLong()).get();
        }

        long lastOutputAt() {
            return last.get();
        }

        long lastOutputOf(UUID projectId) {
            Long at = lastOf.get(projectId);
            if (at == null) {
                throw new IllegalStateException("quality-service published nothing for project " + projectId);
            }
            return at;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(5_000);
        }
    }
}
