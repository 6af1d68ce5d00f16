package io.labelstream.bench;

import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventPayload;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.DecidedBy;
import io.labelstream.contracts.events.GoldLabel;
import io.labelstream.contracts.events.ItemAssessed;
import io.labelstream.contracts.events.ItemDecision;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.project.Guidelines;
import io.labelstream.contracts.project.LabelDefinition;
import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.ProjectMember;
import io.labelstream.contracts.project.ProjectPolicies;
import io.labelstream.contracts.project.ProjectRole;
import io.labelstream.contracts.project.ProjectState;
import io.labelstream.contracts.project.TaskType;
import io.labelstream.devstack.DevTokens;
import io.labelstream.devstack.EmbeddedPostgresServer;
import io.labelstream.devstack.FreePorts;
import io.labelstream.devstack.InProcessKafka;
import io.labelstream.devstack.ServiceProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures adjudication-service as a packaged process with a 256 MB heap:
 * <ol>
 *   <li>export of the current gold set (default 1,000,000 labels, seeded directly into the service's tables
 *       through JDBC COPY, since publishing a million assessments would measure the intake instead): rows/s and
 *       the service's peak heap during the export, sampled from its Prometheus metrics;</li>
 *   <li>latency from an ItemAssessed (RESOLVED, confident) sent to labeling.item-quality until its GoldLabel
 *       is read from labeling.gold, one item at a time: p50 and p99;</li>
 *   <li>a flood: {@code adjudication.flood} assessments of distinct items sent at once, as quality publishes
 *       them under load, until every gold label is on labeling.gold: assessments/s, and the CPU time the
 *       service and PostgreSQL (every process of the server, closed backends included) used per assessment,
 *       from /proc.</li>
 * </ol>
 * Run: {@code ./mvnw -pl bench exec:java -Dexec.mainClass=io.labelstream.bench.AdjudicationBench}
 * after {@code ./mvnw -pl adjudication-service package -DskipTests}. System properties
 * {@code adjudication.rows}, {@code adjudication.latency.samples} and {@code adjudication.flood} change the sizes.
 */
public final class AdjudicationBench {

    private static final Pattern HEAP_USED = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.E+]+)",
            Pattern.MULTILINE);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private AdjudicationBench() {
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("adjudication.rows", 1_000_000);
        int samples = Integer.getInteger("adjudication.latency.samples", 300);
        int flood = Integer.getInteger("adjudication.flood", 5000);
        Path root = Path.of(System.getProperty("labelstream.root", "."));
        Path jar = root.resolve("adjudication-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package adjudication-service first");
        }
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.forTests();
             InProcessKafka kafka = InProcessKafka.start(3)) {
            postgres.createSchema("adjudication", true);
            Path key = Files.createTempFile("devstack-jwt", ".pem");
            Files.writeString(key, DevTokens.publicKeyPem());
            int port = FreePorts.one();
            String jdbcUrl = postgres.jdbcUrl() + "?currentSchema=adjudication";
            Path log = Files.createTempFile("adjudication-bench", ".log");
            ServiceProcess service = new ServiceProcess("adjudication-service",
                    List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
                            jar.toString()),
                    Map.of("QUARKUS_HTTP_PORT", String.valueOf(port),
                            "QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl,
                            "QUARKUS_DATASOURCE_USERNAME", EmbeddedPostgresServer.USER,
                            "QUARKUS_DATASOURCE_PASSWORD", EmbeddedPostgresServer.PASSWORD,
                            "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                            "MP_JWT_VERIFY_PUBLICKEY_LOCATION", key.toString(),
                            "MP_JWT_VERIFY_ISSUER", DevTokens.ISSUER),
                    log, port);
            try (service; KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
                service.start();
                awaitUntil(Duration.ofMinutes(3), service::isReady, "service ready (log: " + log + ")");
                String reviewer = "bench-reviewer";
                String token = DevTokens.mint(reviewer, "reviewer");
                UUID exportProject = defineProject(producer, reviewer);
                UUID latencyProject = defineProject(producer, reviewer);
                UUID floodProject = defineProject(producer, reviewer);
                awaitUntil(Duration.ofMinutes(2), () -> status(service.baseUrl() + "/projects/" + exportProject
                        + "/overturns", token) == 200 && status(service.baseUrl() + "/projects/" + latencyProject
                        + "/overturns", token) == 200 && status(service.baseUrl() + "/projects/" + floodProject
                        + "/overturns", token) == 200, "projects applied");

                long seedStart = System.nanoTime();
                seedGold(jdbcUrl, exportProject, rows);
                System.out.printf("adjudication.seed.rows=%d (JDBC COPY into gold_version/gold_current, %.1f s)%n",
                        rows, (System.nanoTime() - seedStart) / 1e9);
                export(service.baseUrl(), exportProject, token, rows);
                latency(service.baseUrl(), kafka.bootstrapServers(), producer, latencyProject, samples);
                flood(service, postgres.port(), kafka.bootstrapServers(), producer, floodProject, flood);
            }
        }
        System.exit(0);
    }

    private static void export(String baseUrl, UUID projectId, String token, int expectedRows) throws Exception {
        AtomicLong peakHeap = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> peakHeap.accumulateAndGet(heapUsed(baseUrl), Math::max), 0, 100,
                TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(baseUrl + "/projects/" + projectId + "/dataset"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
        long lines = 0;
        long bytes = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream body = response.body()) {
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        sampler.shutdownNow();
        if (response.statusCode() != 200 || lines != expectedRows) {
            throw new IllegalStateException("export answered " + response.statusCode() + " with " + lines + " lines");
        }
        System.out.printf("adjudication.export.rows=%d%n", lines);
        System.out.printf("adjudication.export.bytes=%d%n", bytes);
        System.out.printf("adjudication.export.seconds=%.2f%n", seconds);
        System.out.printf("adjudication.export.rows_per_s=%.0f%n", lines / seconds);
        System.out.printf("adjudication.export.peak_heap_mb=%.1f (service -Xmx256m)%n", peakHeap.get() / 1048576.0);
    }

    private static void latency(String baseUrl, String bootstrap, KafkaProducer<String, String> producer,
                                UUID projectId, int samples) throws Exception {
        try (KafkaConsumer<String, String> consumer = goldConsumer(bootstrap)) {
            List<Long> latenciesMicros = new ArrayList<>();
            for (int i = 0; i < samples; i++) {
                UUID itemId = UUID.randomUUID();
                long sent = System.nanoTime();
                send(producer, Topics.ITEM_QUALITY, new ItemAssessed(itemId, projectId, ItemDecision.RESOLVED,
                        EventCodec.mapper().createObjectNode().put("choice", "pos"), 0.97, 0.9, "MAJORITY", 3,
                        List.of(), 1, Instant.now()));
                boolean seen = false;
                long deadline = sent + Duration.ofSeconds(30).toNanos();
                while (!seen && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(20))) {
                        if (itemId.toString().equals(record.key())) {
                            latenciesMicros.add((System.nanoTime() - sent) / 1000);
                            seen = true;
                        }
                    }
                }
                if (!seen) {
                    throw new IllegalStateException("no gold label for " + itemId + " within 30 s");
                }
            }
            latenciesMicros.sort(Long::compare);
            System.out.printf("adjudication.gold_latency.samples=%d%n", samples);
            System.out.printf("adjudication.gold_latency.p50_ms=%.1f%n", percentile(latenciesMicros, 0.50) / 1000.0);
            System.out.printf("adjudication.gold_latency.p99_ms=%.1f%n", percentile(latenciesMicros, 0.99) / 1000.0);
            System.out.printf("adjudication.gold_latency.max_ms=%.1f%n", latenciesMicros.get(latenciesMicros.size() - 1) / 1000.0);
        }
    }

    private static void flood(ServiceProcess service, int postgresPort, String bootstrap,
                              KafkaProducer<String, String> producer, UUID projectId, int assessments) throws Exception {
        if (assessments <= 0) {
            return;
        }
        List<ItemAssessed> flood = new ArrayList<>();
        for (int i = 0; i < assessments; i++) {
            // three annotations per item, as quality names them; adjudication has not seen them (no guideline version)
            flood.add(new ItemAssessed(UUID.randomUUID(), projectId, ItemDecision.RESOLVED,
                    EventCodec.mapper().createObjectNode().put("choice", i % 3 == 0 ? "neg" : "pos"), 0.97, 0.9,
                    "MAJORITY", 3, List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()), 1, Instant.now()));
        }
        StackCpu cpu = StackCpu.available() ? new StackCpu(Map.of("adjudication-service", service.pid()),
                postgresDataDirectory(postgresPort)) : null;
        try (KafkaConsumer<String, String> consumer = goldConsumer(bootstrap)) {
            Map<String, Double> before = cpu == null ? Map.of() : cpu.snapshot();
            long start = System.nanoTime();
            for (ItemAssessed assessed : flood) {
                producer.send(new ProducerRecord<>(Topics.ITEM_QUALITY, assessed.key(),
                        EventCodec.write(EventCodec.envelope(assessed, Clock.systemUTC()))));
            }
            producer.flush();
            java.util.Set<String> waiting = new java.util.HashSet<>();
            flood.forEach(a -> waiting.add(a.itemId().toString()));
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (!waiting.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    waiting.remove(record.key());
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!waiting.isEmpty()) {
                throw new IllegalStateException(waiting.size() + " of the flood's gold labels missing after 10 minutes");
            }
            System.out.printf("adjudication.flood.assessments=%d%n", assessments);
            System.out.printf("adjudication.flood.seconds=%.2f (first assessment sent to last gold label read)%n", seconds);
            System.out.printf("adjudication.flood.assessments_per_s=%.0f%n", assessments / seconds);
            if (cpu != null) {
                Map<String, Double> used = StackCpu.between(before, cpu.snapshot());
                double serviceMs = used.getOrDefault("adjudication-service", 0.0);
                double postgres = used.entrySet().stream().filter(e -> e.getKey().startsWith("postgres."))
                        .mapToDouble(Map.Entry::getValue).sum();
                System.out.printf("adjudication.flood.cpu_ms_per_assessment.adjudication-service=%.3f%n",
                        serviceMs / assessments);
                System.out.printf("adjudication.flood.cpu_ms_per_assessment.postgres=%.3f%n", postgres / assessments);
            }
        }
    }

    /** The data directory of the PostgreSQL server on {@code port}, from its postmaster's command line ({@code -D}). */
    private static Path postgresDataDirectory(int port) throws Exception {
        long postmaster = StackCpu.pidWithCommandLine("postgres", "-D", "-p " + port);
        if (postmaster < 0) {
            postmaster = StackCpu.pidWithCommandLine("postgres", "-D", String.valueOf(port));
        }
        String[] arguments = new String(Files.readAllBytes(Path.of("/proc", String.valueOf(postmaster), "cmdline")))
                .split("\0");
        for (int i = 0; i + 1 < arguments.length; i++) {
            if (arguments[i].equals("-D")) {
                return Path.of(arguments[i + 1]);
            }
        }
        throw new IllegalStateException("no data directory on the command line of PostgreSQL " + postmaster);
    }

    /** Seeds gold rows as the service itself would have stored them: one version document each, all current. */
    private static void seedGold(String jdbcUrl, UUID projectId, int rows) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, EmbeddedPostgresServer.USER,
                EmbeddedPostgresServer.PASSWORD)) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            Instant decidedAt = Instant.now();
            int batch = 50_000;
            for (int from = 0; from < rows; from += batch) {
                StringBuilder versions = new StringBuilder();
                StringBuilder current = new StringBuilder();
                for (int i = from; i < Math.min(rows, from + batch); i++) {
                    UUID itemId = UUID.randomUUID();
                    String label = i % 3 == 0 ? "neg" : "pos";
                    GoldLabel gold = new GoldLabel(itemId, projectId, "ext-" + i,
                            EventCodec.mapper().createObjectNode().put("choice", label), 1, DecidedBy.CONSENSUS, null,
                            0.93, List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()), 1, 1, decidedAt, null);
                    String document = EventCodec.mapper().writeValueAsString(gold);
                    versions.append(itemId).append('\t').append(1).append('\t').append(projectId).append("\tCONSENSUS\t")
                            .append(decidedAt).append('\t').append(escapeCopy(document)).append('\n');
                    current.append(itemId).append('\t').append(projectId).append("\t1\tCONSENSUS\t")
                            .append(escapeCopy("{\"choice\":\"" + label + "\"}")).append('\t').append(decidedAt).append('\n');
                }
                copy.copyIn("copy gold_version (item_id, version, project_id, decided_by, decided_at, document) from stdin",
                        new StringReader(versions.toString()));
                copy.copyIn("copy gold_current (item_id, project_id, version, decided_by, label, decided_at) from stdin",
                        new StringReader(current.toString()));
            }
            connection.createStatement().execute("analyze gold_version; analyze gold_current");
        }
    }

    private static String escapeCopy(String text) {
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }

    private static UUID defineProject(KafkaProducer<String, String> producer, String reviewer) throws Exception {
        UUID projectId = UUID.randomUUID();
        ProjectPolicies d = ProjectPolicies.defaults();
        ProjectPolicies noSpotChecks = new ProjectPolicies(d.annotatorsPerItem(), d.maxAnnotatorsPerItem(), d.goldRate(),
                d.qualificationItems(), d.qualificationMinAccuracy(), d.quarantineAccuracy(), d.autoAcceptConfidence(),
                0.0, d.targetAgreement(), d.leaseSeconds(), d.revisionGraceSeconds(), d.modelAssisted(),
                d.contentHashDedup(), d.hourlyRate(), d.weight(), d.aggregation());
        send(producer, Topics.PROJECTS, new ProjectEvent(projectId, "bench", null, ProjectState.ACTIVE, 1, 1,
                new LabelingSchema(TaskType.SINGLE_LABEL, List.of(new LabelDefinition("pos", null, null),
                        new LabelDefinition("neg", null, null)), null),
                new Guidelines(1, "bench", List.of(), List.of()), noSpotChecks,
                List.of(new ProjectMember(reviewer, ProjectRole.REVIEWER, false)), Instant.now(), true));
        return projectId;
    }

    private static void send(KafkaProducer<String, String> producer, String topic, EventPayload payload) throws Exception {
        producer.send(new ProducerRecord<>(topic, payload.key(),
                EventCodec.write(EventCodec.envelope(payload, Clock.systemUTC())))).get();
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(properties);
    }

    private static KafkaConsumer<String, String> goldConsumer(String bootstrap) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(Topics.GOLD, 3, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact"))))
                    .all().get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("gold topic could not be created", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.GOLD).stream()
                .map(p -> new TopicPartition(Topics.GOLD, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private static long heapUsed(String baseUrl) {
        try {
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher matcher = HEAP_USED.matcher(metrics);
            double total = 0;
            while (matcher.find()) {
                total += Double.parseDouble(matcher.group(1));
            }
            return (long) total;
        } catch (Exception e) {
            return 0;
        }
    }

    private static int status(String url, String token) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static long percentile(List<Long> sorted, double p) {
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** Polls a condition on the bench's own thread; gives up with a message after {@code timeout}. */
    private static void awaitUntil(Duration timeout, java.util.function.BooleanSupplier condition, String what)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object monitor = new Object();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            synchronized (monitor) {
                monitor.wait(250);
            }
        }
    }
}
