package io.labelstream.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventPayload;
import io.labelstream.contracts.Topics;
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
import io.labelstream.devstack.DevTokens;
import io.labelstream.devstack.StackSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Submissions per second and latency of annotation-service with many concurrent annotators, next to a
 * baseline measured in the same run with the same HTTP client and load: a plain Quarkus POST that commits
 * one row to the same PostgreSQL ({@code bench-baseline}: same heap, garbage collector and pool size; no
 * authentication, validation or outbox). Goal: the service sustains at least half of the baseline's rate.
 *
 * <p>Starts the broker, PostgreSQL, annotation-service and the baseline service on free ports (packaged
 * first), reads the assignment-token key the stack generated, publishes a project and items to Kafka,
 * signs one assignment token per submission as the assignment service would, and posts labels. The other
 * services stay down so that their consumers do not share the cores with the service measured.
 *
 * <pre>./mvnw -pl bench exec:java -Dexec.mainClass=io.labelstream.bench.AnnotationBench</pre>
 * Settings (environment): BENCH_ANNOTATORS (200), BENCH_ROUNDS (3), BENCH_SECONDS (15, measured per round and
 * side), BENCH_WARMUP_SECONDS (5), BENCH_ITEMS (500). The service and the baseline alternate for the rounds;
 * each figure printed without a round is the median over the rounds. With ANNOTATION_URL and BASELINE_URL set it
 * uses already running services instead, described by the stack's own LABELSTREAM_* variables.
 */
public final class AnnotationBench {

    private static final String TOKEN_HEADER = "Labelstream-Assignment-Token";

    private final StackSettings stack;
    private final String serviceUrl;
    private final String bootstrap;
    private final int annotators = intEnv("BENCH_ANNOTATORS", 200);
    private final Duration measured = Duration.ofSeconds(intEnv("BENCH_SECONDS", 15));
    private final int rounds = intEnv("BENCH_ROUNDS", 3);
    private final Duration warmup = Duration.ofSeconds(intEnv("BENCH_WARMUP_SECONDS", 5));
    private final int itemCount = intEnv("BENCH_ITEMS", 500);
    // HTTP/1.1, as a browser talks to a cleartext service: the JDK client would otherwise upgrade to
    // HTTP/2 and multiplex all annotators over one connection and one event-loop thread of the service
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private final String baselineUrl;

    private AnnotationBench(StackSettings stack, String serviceUrl, String baselineUrl, String bootstrap) {
        this.stack = stack;
        this.serviceUrl = serviceUrl;
        this.baselineUrl = baselineUrl;
        this.bootstrap = bootstrap;
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("annotation.cores=%d%n", Runtime.getRuntime().availableProcessors());
        String runningUrl = System.getenv("ANNOTATION_URL");
        if (runningUrl != null && !runningUrl.isBlank()) {
            Path root = Path.of(System.getProperty("labelstream.root", ".")).toAbsolutePath().normalize();
            StackSettings stack = StackSettings.fromEnvironment(System.getenv(), root);
            new AnnotationBench(stack, runningUrl, System.getenv("BASELINE_URL"),
                    stack.externalKafka() != null ? stack.externalKafka() : "localhost:" + stack.kafkaPort()).run();
        } else {
            try (BenchStack.Started started = BenchStack.start("384m", List.of("annotation-service"))) {
                new AnnotationBench(started.settings(), started.url("annotation-service"), started.startBaseline(),
                        started.stack().bootstrapServers()).run();
            }
        }
        System.exit(0);
    }

    private void run() throws Exception {
        byte[] tokenKey = Base64.getDecoder().decode(
                Files.readString(stack.dataDirectory().resolve("keys").resolve("assignment-token.key")).trim());
        UUID projectId = UUID.randomUUID();
        List<String> annotatorIds = new ArrayList<>();
        for (int i = 0; i < annotators; i++) {
            annotatorIds.add("bench-annotator-" + i);
        }
        List<UUID> items = publishProjectAndItems(projectId, annotatorIds);
        awaitKnown(projectId, items.get(items.size() - 1), tokenKey);

        System.out.printf("annotation.annotators=%d%nannotation.measured_s=%d%nannotation.warmup_s=%d%n"
                + "annotation.rounds=%d%n", annotators, measured.toSeconds(), warmup.toSeconds(), rounds);
        // the service and the baseline take turns, round after round: this machine's speed drifts by tens of
        // percent over minutes, and one long phase of each would put that drift into the ratio
        List<Result> services = new ArrayList<>();
        List<Result> baselines = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Result service = load(annotators, () -> submit(projectId, items, annotatorIds, tokenKey));
            service.print("annotation.round" + round + ".service");
            Result baseline = httpBaseline();
            baseline.print("annotation.round" + round + ".baseline");
            services.add(service);
            baselines.add(baseline);
        }
        Result service = Result.median(services);
        Result baseline = Result.median(baselines);
        service.print("annotation.service");
        if (firstFailure.get() != null) {
            System.out.println("annotation.service.first_failure=" + firstFailure.get());
        }
        baseline.print("annotation.baseline");
        System.out.println("annotation.baseline.what=plain Quarkus JSON POST committing one row, " + annotators
                + " client threads, database pool of 40 in both");
        System.out.printf("annotation.ratio=%.2f (service / baseline submissions per second, medians of %d alternating"
                + " rounds; goal >= 0.50)%n", service.perSecond() / baseline.perSecond(), rounds);
    }

    // ---- the service ---------------------------------------------------------------------------

    private boolean submit(UUID projectId, List<UUID> items, List<String> annotatorIds, byte[] key) throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String annotator = annotatorIds.get((int) (Thread.currentThread().getId() % annotatorIds.size()));
        UUID itemId = items.get(random.nextInt(items.size()));
        UUID assignmentId = UUID.randomUUID();
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("assignmentId", assignmentId);
        claims.put("itemId", itemId);
        claims.put("projectId", projectId);
        claims.put("annotatorId", annotator);
        claims.put("schemaVersion", 1);
        claims.put("leasedAt", now.minusSeconds(20));
        claims.put("expiresAt", now.plusSeconds(1800));
        String body = labelBody(random);
        HttpRequest request = HttpRequest.newBuilder(URI.create(serviceUrl + "/assignments/" + assignmentId + "/annotation"))
                .header("Authorization", "Bearer " + bearer(annotator))
                .header(TOKEN_HEADER, sign(claims, key))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            firstFailure.compareAndSet(null, response.statusCode() + " " + response.body());
            return false;
        }
        return true;
    }

    private static String labelBody(ThreadLocalRandom random) {
        return "{\"label\": {\"choice\": \"" + (random.nextBoolean() ? "positive" : "negative")
                + "\"}, \"clientDurationMs\": " + random.nextInt(1000, 30000) + "}";
    }

    private final java.util.concurrent.atomic.AtomicReference<String> firstFailure =
            new java.util.concurrent.atomic.AtomicReference<>();

    private final Map<String, String> bearers = new java.util.concurrent.ConcurrentHashMap<>();

    private String bearer(String annotator) {
        return bearers.computeIfAbsent(annotator, a -> DevTokens.mint(a, "annotator"));
    }

    /** The assignment-token format: base64url(json) "." base64url(HMAC-SHA256(json)). */
    private static String sign(Map<String, Object> claims, byte[] key) throws Exception {
        byte[] json = EventCodec.mapper().writeValueAsBytes(claims);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString(json) + "." + encoder.encodeToString(mac.doFinal(json));
    }

    private List<UUID> publishProjectAndItems(UUID projectId, List<String> annotatorIds) throws Exception {
        List<ProjectMember> members = new ArrayList<>();
        annotatorIds.forEach(a -> members.add(new ProjectMember(a, ProjectRole.ANNOTATOR, false)));
        members.add(new ProjectMember("bench-reviewer", ProjectRole.REVIEWER, false));
        LabelingSchema schema = new LabelingSchema(TaskType.SINGLE_LABEL, List.of(
                new LabelDefinition("positive", null, null), new LabelDefinition("negative", null, null)), null);
        List<UUID> items = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer()) {
            send(producer, Topics.PROJECTS, new ProjectEvent(projectId, "annotation bench", null, ProjectState.ACTIVE, 1,
                    1, schema, new Guidelines(1, "bench", List.of(), List.of()), ProjectPolicies.defaults(), members,
                    Instant.now(), true));
            for (int i = 0; i < itemCount; i++) {
                UUID itemId = UUID.randomUUID();
                ObjectNode data = EventCodec.mapper().createObjectNode().put("text", "bench item " + i);
                send(producer, Topics.ITEMS, new ItemIngested(itemId, projectId, "bench-" + i, ItemKind.REGULAR, false,
                        false, data, null, "bench-" + itemId, 1, Instant.now()));
                items.add(itemId);
            }
            producer.flush();
        }
        return items;
    }

    /** Waits until a submission is no longer answered "not yet known" (503) or unauthorised for lack of the project. */
    private void awaitKnown(UUID projectId, UUID lastItem, byte[] key) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(serviceUrl + "/items/" + lastItem + "/annotations"))
                    .header("Authorization", "Bearer " + DevTokens.mint("bench-reviewer", "reviewer")).GET().build();
            if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                return;
            }
            new CountDownLatch(1).await(500, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("annotation-service did not receive project " + projectId + " in time");
    }

    private KafkaProducer<String, String> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(properties);
    }

    private static void send(KafkaProducer<String, String> producer, String topic, EventPayload payload) {
        producer.send(new ProducerRecord<>(topic, payload.key(),
                EventCodec.write(EventCodec.envelope(payload, Clock.systemUTC()))));
    }

    // ---- the baseline --------------------------------------------------------------------------

    private Result httpBaseline() throws Exception {
        return load(annotators, () -> {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baselineUrl + "/rows"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(labelBody(ThreadLocalRandom.current()))).build();
            return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 201;
        });
    }

    // ---- measuring -----------------------------------------------------------------------------

    interface Operation {
        boolean run() throws Exception;
    }

    private Result load(int threads, Operation operation) throws InterruptedException {
        Instant start = Instant.now();
        Instant measureFrom = start.plus(warmup);
        Instant end = measureFrom.plus(measured);
        List<long[]> latencies = new ArrayList<>();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long[] mine = new long[1 << 16];
            latencies.add(mine);
            int slot = t;
            Thread worker = new Thread(() -> {
                int n = 0;
                long[] own = mine;
                while (Instant.now().isBefore(end)) {
                    long began = System.nanoTime();
                    boolean success;
                    try {
                        success = operation.run();
                    } catch (Exception e) {
                        success = false;
                    }
                    long took = System.nanoTime() - began;
                    if (Instant.now().isAfter(measureFrom)) {
                        if (success) {
                            ok.incrementAndGet();
                            if (n == own.length) {
                                own = Arrays.copyOf(own, own.length * 2);
                                latencies.set(slot, own);
                            }
                            own[n++] = took;
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                }
                long[] trimmed = Arrays.copyOf(own, n);
                synchronized (latencies) {
                    latencies.set(slot, trimmed);
                }
            }, "bench-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(ok.get() / (double) measured.toSeconds(), percentile(all, 0.50), percentile(all, 0.99),
                failed.get());
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1_000_000.0;
    }

    record Result(double perSecond, double p50Ms, double p99Ms, long failures) {

        /** Each figure's median over the rounds; failures are summed. */
        static Result median(List<Result> rounds) {
            return new Result(median(rounds, Result::perSecond), median(rounds, Result::p50Ms),
                    median(rounds, Result::p99Ms), rounds.stream().mapToLong(Result::failures).sum());
        }

        private static double median(List<Result> rounds, java.util.function.ToDoubleFunction<Result> figure) {
            double[] values = rounds.stream().mapToDouble(figure).sorted().toArray();
            int middle = values.length / 2;
            return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        }

        void print(String prefix) {
            System.out.printf("%s.per_s=%.0f%n%s.p50_ms=%.1f%n%s.p99_ms=%.1f%n%s.failures=%d%n", prefix, perSecond,
                    prefix, p50Ms, prefix, p99Ms, prefix, failures);
        }
    }

    private static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
