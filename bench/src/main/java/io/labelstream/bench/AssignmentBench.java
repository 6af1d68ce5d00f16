package io.labelstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.labelstream.devstack.EmbeddedPostgresServer;
import io.labelstream.devstack.FreePorts;
import io.labelstream.devstack.InProcessKafka;
import io.labelstream.devstack.ServiceProcess;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

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
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Claims per second and claim latency of assignment-service's next-task endpoint with many concurrent
 * annotators, next to a raw {@code SELECT … FOR UPDATE SKIP LOCKED} claim loop (same exactly-k rule:
 * open slot, never the same item twice) over JDBC on the same database in the same run.
 *
 * <p>{@code ./mvnw -pl bench exec:java -Dexec.mainClass=io.labelstream.bench.AssignmentBench}
 * (after packaging assignment-service). System properties: {@code bench.annotators} (200),
 * {@code bench.items} (2000), {@code bench.k} (3), {@code bench.rounds} (3: service and raw loop alternate,
 * medians compared).
 */
public final class AssignmentBench {

    private static final int ANNOTATORS = Integer.getInteger("bench.annotators", 200);
    private static final int ITEMS = Integer.getInteger("bench.items", 2000);
    private static final int K = Integer.getInteger("bench.k", 3);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final String SCHEMA = "assignment";

    private AssignmentBench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("labelstream.root", "."));
        Path jar = root.resolve("assignment-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("package assignment-service first: " + jar + " is missing");
        }
        Path work = Files.createTempDirectory("assignment-bench");
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.forTests();
             InProcessKafka kafka = InProcessKafka.start(4)) {
            postgres.createSchema(SCHEMA, true);
            postgres.createSchema("bench_raw", true);
            Path publicKey = work.resolve("jwt-public.pem");
            Files.writeString(publicKey, DevTokens.publicKeyPem());
            byte[] secret = new byte[32];
            ThreadLocalRandom.current().nextBytes(secret);
            int port = FreePorts.one();
            Map<String, String> env = new HashMap<>();
            env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl() + "?currentSchema=" + SCHEMA);
            env.put("QUARKUS_DATASOURCE_USERNAME", EmbeddedPostgresServer.USER);
            env.put("QUARKUS_DATASOURCE_PASSWORD", EmbeddedPostgresServer.PASSWORD);
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toString());
            env.put("MP_JWT_VERIFY_ISSUER", DevTokens.ISSUER);
            env.put("LABELSTREAM_ASSIGNMENT_TOKEN_KEY", Base64.getEncoder().encodeToString(secret));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            try (ServiceProcess service = new ServiceProcess("assignment-service",
                    List.of(java, "-Xmx512m", "-jar", jar.toString()), env, work.resolve("assignment.log"), port).start();
                 KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
                waitUntil(service::isReady, Duration.ofMinutes(3));
                String jdbc = postgres.jdbcUrl();

                List<String> annotators = new ArrayList<>();
                for (int i = 0; i < ANNOTATORS; i++) {
                    annotators.add("bench-annotator-" + i);
                }
                Map<String, String> tokens = new HashMap<>();
                annotators.forEach(a -> tokens.put(a, DevTokens.mint(a, "annotator")));
                // warm-up: a small project, so JIT and connection pools are ready before the measured one
                UUID warmUp = seed(producer, annotators, ITEMS / 10);
                waitUntil(() -> ready(jdbc, warmUp, ITEMS / 10), Duration.ofMinutes(3));
                claimAll(service.baseUrl(), warmUp, annotators, tokens);

                // rounds alternate service and raw loop, so that a burst of other load on the machine
                // hits both; the medians over the rounds are compared
                List<Result> serviceRounds = new ArrayList<>();
                List<Result> rawRounds = new ArrayList<>();
                for (int round = 1; round <= ROUNDS; round++) {
                    UUID projectId = seed(producer, annotators, ITEMS);
                    waitUntil(() -> ready(jdbc, projectId, ITEMS), Duration.ofMinutes(3));
                    Result claimed = claimAll(service.baseUrl(), projectId, annotators, tokens);
                    Result raw = rawLoop(jdbc, annotators, round);
                    claimed.print("assignment.round" + round + ".claim");
                    raw.print("assignment.round" + round + ".raw");
                    serviceRounds.add(claimed);
                    rawRounds.add(raw);
                }

                System.out.printf("assignment.bench.annotators=%d%nassignment.bench.items=%d%nassignment.bench.k=%d%n"
                        + "assignment.bench.rounds=%d%n", ANNOTATORS, ITEMS, K, ROUNDS);
                double serviceP99 = median(serviceRounds, Result::p99);
                double rawP99 = median(rawRounds, Result::p99);
                System.out.printf("assignment.claim.per_second=%.1f (median of rounds)%n",
                        median(serviceRounds, Result::perSecond));
                System.out.printf("assignment.claim.p50_ms=%.2f (median of rounds)%n",
                        median(serviceRounds, r -> r.percentile(0.50)));
                System.out.printf("assignment.claim.p99_ms=%.2f (median of rounds)%n", serviceP99);
                System.out.printf("raw.claim.per_second=%.1f (median of rounds)%n", median(rawRounds, Result::perSecond));
                System.out.printf("raw.claim.p50_ms=%.2f (median of rounds)%n", median(rawRounds, r -> r.percentile(0.50)));
                System.out.printf("raw.claim.p99_ms=%.2f (median of rounds)%n", rawP99);
                System.out.printf("assignment.claim.p99_over_raw_p99=%.2f%n", serviceP99 / rawP99);
                System.out.printf("assignment.claim.goal_p99_within_2x_raw=%s%n", serviceP99 <= 2 * rawP99);
            }
        }
    }

    private static double median(List<Result> rounds, java.util.function.ToDoubleFunction<Result> figure) {
        double[] values = rounds.stream().mapToDouble(figure).sorted().toArray();
        return values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    /**
     * {@code resent}: answers 503 (no free connection in time) that were sent again after Retry-After; null
     * for the raw loop, which has no HTTP in between.
     */
    private record Result(int claims, double seconds, List<Double> latenciesMs, Integer resent) {

        double percentile(double p) {
            List<Double> sorted = new ArrayList<>(latenciesMs);
            Collections.sort(sorted);
            return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
        }

        double p99() {
            return percentile(0.99);
        }

        double perSecond() {
            return claims / seconds;
        }

        void print(String prefix) {
            System.out.printf("%s.count=%d%n%s.per_second=%.1f%n%s.p50_ms=%.2f%n%s.p99_ms=%.2f%n", prefix, claims,
                    prefix, claims / seconds, prefix, percentile(0.50), prefix, p99());
            if (resent != null) {
                System.out.printf("%s.resent_503=%d%n", prefix, resent);
            }
        }
    }

    /** Every annotator pulls next-task until told nothing is left; latency of each successful claim. */
    private static Result claimAll(String baseUrl, UUID projectId, List<String> annotators, Map<String, String> tokens)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger resent = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(annotators.size());
        long start = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String annotator : annotators) {
                HttpRequest next = HttpRequest.newBuilder(URI.create(baseUrl + "/projects/" + projectId + "/tasks/next"))
                        .header("Authorization", "Bearer " + tokens.get(annotator))
                        .POST(HttpRequest.BodyPublishers.noBody()).build();
                done.add(pool.submit(() -> {
                    while (true) {
                        long t0 = System.nanoTime();
                        HttpResponse<String> response = http.send(next, HttpResponse.BodyHandlers.ofString());
                        // as a frontend does; the claim's latency includes the wait
                        while (response.statusCode() == 503) {
                            resent.incrementAndGet();
                            TimeUnit.SECONDS.sleep(response.headers().firstValue("Retry-After").map(Long::parseLong)
                                    .orElse(1L));
                            response = http.send(next, HttpResponse.BodyHandlers.ofString());
                        }
                        if (response.statusCode() != 200) {
                            if (response.statusCode() != 204) {
                                throw new IllegalStateException(response.statusCode() + " " + response.body());
                            }
                            return null;
                        }
                        latencies.add((System.nanoTime() - t0) / 1e6);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(latencies.size(), seconds, new ArrayList<>(latencies), resent.get());
    }

    /** The same rule straight on the database: one short transaction per claim, SKIP LOCKED, unique pair. */
    private static Result rawLoop(String jdbc, List<String> annotators, int round) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc + "?currentSchema=bench_raw", EmbeddedPostgresServer.USER,
                EmbeddedPostgresServer.PASSWORD); Statement s = c.createStatement()) {
            s.execute("drop table if exists raw_item, raw_claim");
            s.execute("create table raw_item (id bigint primary key, taken int not null default 0, k int not null)");
            s.execute("create index raw_item_open on raw_item (id) where taken < k");
            s.execute("create table raw_claim (item_id bigint, annotator text, primary key (item_id, annotator))");
            s.execute("insert into raw_item (id, k) select g, " + K + " from generate_series(1, " + ITEMS + ") g");
        }
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(annotators.size());
        long start = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String annotator : annotators) {
                done.add(pool.submit(() -> {
                    try (Connection c = DriverManager.getConnection(jdbc + "?currentSchema=bench_raw",
                            EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
                         PreparedStatement pick = c.prepareStatement("select id from raw_item i where taken < k and not exists"
                                 + " (select 1 from raw_claim r where r.item_id = i.id and r.annotator = ?)"
                                 + " order by id limit 1 for update skip locked");
                         PreparedStatement claim = c.prepareStatement("insert into raw_claim values (?, ?)");
                         PreparedStatement take = c.prepareStatement("update raw_item set taken = taken + 1 where id = ?")) {
                        c.setAutoCommit(false);
                        while (true) {
                            long t0 = System.nanoTime();
                            pick.setString(1, annotator);
                            long id;
                            try (ResultSet r = pick.executeQuery()) {
                                if (!r.next()) {
                                    c.commit();
                                    return null;
                                }
                                id = r.getLong(1);
                            }
                            claim.setLong(1, id);
                            claim.setString(2, annotator);
                            claim.executeUpdate();
                            take.setLong(1, id);
                            take.executeUpdate();
                            c.commit();
                            latencies.add((System.nanoTime() - t0) / 1e6);
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(latencies.size(), seconds, new ArrayList<>(latencies), null);
    }

    private static UUID seed(KafkaProducer<String, String> producer, List<String> annotators, int items) {
        UUID projectId = UUID.randomUUID();
        List<ProjectMember> members = annotators.stream()
                .map(a -> new ProjectMember(a, ProjectRole.ANNOTATOR, false)).toList();
        ProjectPolicies d = ProjectPolicies.defaults();
        ProjectPolicies policies = new ProjectPolicies(K, K, 0.0, 0, d.qualificationMinAccuracy(),
                d.quarantineAccuracy(), d.autoAcceptConfidence(), d.spotCheckRate(), d.targetAgreement(), 1800,
                d.revisionGraceSeconds(), false, false, d.hourlyRate(), 1.0, d.aggregation());
        send(producer, Topics.PROJECTS, new ProjectEvent(projectId, "bench", "bench", ProjectState.ACTIVE, 1, 1,
                new LabelingSchema(TaskType.SINGLE_LABEL, List.of(new LabelDefinition("a", null, null),
                        new LabelDefinition("b", null, null)), null),
                new Guidelines(1, "pick one", List.of(), List.of()), policies, members, Instant.now(), true));
        for (int i = 0; i < items; i++) {
            JsonNode data = EventCodec.mapper().valueToTree(Map.of("text", "bench item " + i));
            send(producer, Topics.ITEMS, new ItemIngested(UUID.randomUUID(), projectId, "b-" + i, ItemKind.REGULAR,
                    false, false, data, null, "h" + i, 1, Instant.now()));
        }
        producer.flush();
        return projectId;
    }

    private static boolean ready(String jdbc, UUID projectId, int items) {
        try (Connection c = DriverManager.getConnection(jdbc + "?currentSchema=" + SCHEMA, EmbeddedPostgresServer.USER,
                EmbeddedPostgresServer.PASSWORD);
             PreparedStatement s = c.prepareStatement(
                     "select count(*) from pool_item where project_id = ? and required is not null")) {
            s.setObject(1, projectId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1) >= items;
            }
        } catch (Exception e) {
            return false;
        }
    }

    private static void send(KafkaProducer<String, String> producer, String topic, EventPayload payload) {
        producer.send(new ProducerRecord<>(topic, payload.key(),
                EventCodec.write(EventCodec.envelope(payload, Clock.systemUTC()))));
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props);
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    /** Polls a readiness condition on the scheduler's clock; a bench has no Awaitility. */
    private static void waitUntil(Check check, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        java.util.concurrent.ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            while (!check.ok()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not ready within " + timeout);
                }
                timer.schedule(() -> null, 200, java.util.concurrent.TimeUnit.MILLISECONDS).get();
            }
        } finally {
            timer.shutdownNow();
        }
    }
}
