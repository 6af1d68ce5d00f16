package io.labelstream.assignment;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.EventCodec;
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
import io.labelstream.devstack.DevTokens;
import io.labelstream.devstack.EmbeddedPostgresServer;
import io.labelstream.devstack.FreePorts;
import io.labelstream.devstack.InProcessKafka;
import io.labelstream.devstack.ServiceProcess;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two processes of the packaged service against one database and one broker, 200 annotators pulling
 * concurrently from both, some skipping: afterwards every item has exactly its k distinct annotators who
 * completed it, and no annotator was ever handed an item twice. Some items have their own overlap, some
 * are reserved for annotators, who skip as often as everyone else.
 */
class ExactlyKAcrossReplicasIT {

    private static final int ITEMS = 2000;
    private static final int K = 3;
    private static final int MAX_K = 4;
    private static final int ANNOTATORS = 200;
    private static final double SKIP_SHARE = 0.05;
    private static final int MAX_IDLE_ROUNDS = 10;
    private static final String SCHEMA = "assignment";

    private static EmbeddedPostgresServer postgres;
    private static InProcessKafka kafka;
    private static KafkaProducer<String, String> producer;
    private static final List<ServiceProcess> replicas = new ArrayList<>();
    private static Path workDir;

    // 200 clients, two replicas, PostgreSQL and the broker share two cores here: a connect may wait
    // seconds for an accept. The test is about exactness, not latency, so it waits rather than fails.
    private final AtomicInteger unavailable = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).build();

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        postgres = EmbeddedPostgresServer.forTests();
        postgres.createSchema(SCHEMA, true);
        kafka = InProcessKafka.start(4);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props);

        workDir = Files.createTempDirectory("assignment-it");
        Path publicKey = workDir.resolve("jwt-public.pem");
        Files.writeString(publicKey, DevTokens.publicKeyPem());
        byte[] secret = new byte[32];
        ThreadLocalRandom.current().nextBytes(secret);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        for (int i = 0; i < 2; i++) {
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
            env.put("LABELSTREAM_OUTBOX_IDLE_POLL", "50ms");
            ServiceProcess replica = new ServiceProcess("assignment-" + i,
                    List.of(java, "-Xmx384m", "-jar", jar.toString()), env, workDir.resolve("replica-" + i + ".log"),
                    port).start();
            replicas.add(replica);
            // one after the other, so that only the first runs the migrations
            await().atMost(Duration.ofSeconds(120)).until(replica::isReady);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (ServiceProcess replica : replicas) {
            replica.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void everyItemGetsExactlyItsKDistinctAnnotatorsAndNoAnnotatorAnItemTwice() throws Exception {
        UUID projectId = UUID.randomUUID();
        List<String> annotators = new ArrayList<>();
        List<ProjectMember> members = new ArrayList<>();
        for (int i = 0; i < ANNOTATORS; i++) {
            String id = "annotator-" + i + "-" + projectId;
            annotators.add(id);
            members.add(new ProjectMember(id, ProjectRole.ANNOTATOR, false));
        }
        // items first, the project after: both orders must work
        Map<String, Integer> expectedK = new HashMap<>();
        for (int i = 0; i < ITEMS; i++) {
            UUID itemId = UUID.randomUUID();
            JsonNode data = EventCodec.mapper().valueToTree(Map.of("text", "item " + i));
            Integer ownK = switch (i % 10) {
                case 5 -> 2;
                case 7 -> MAX_K;
                default -> null;
            };
            List<String> assignees = switch (i % 10) {
                case 0 -> List.of(annotators.get(i % ANNOTATORS), annotators.get((i + 101) % ANNOTATORS));
                case 7 -> List.of(annotators.get((i * 7) % ANNOTATORS));
                default -> List.of();
            };
            expectedK.put(itemId.toString(), ownK == null ? K : ownK);
            send(Topics.ITEMS, new ItemIngested(itemId, projectId, "ext-" + i, ItemKind.REGULAR, false, false, data,
                    null, "h" + i, 1, Instant.now(), ownK, assignees));
        }
        int labels = expectedK.values().stream().mapToInt(Integer::intValue).sum();
        send(Topics.PROJECTS, project(projectId, members));
        producer.flush();
        await().atMost(Duration.ofSeconds(120)).until(() ->
                count("select count(*) from pool_item where required is not null") == ITEMS);

        Map<String, Set<String>> handedTo = new ConcurrentHashMap<>();   // annotator -> items received
        Map<String, Set<String>> completedBy = new ConcurrentHashMap<>(); // item -> annotators who submitted
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger[] perReplica = {new AtomicInteger(), new AtomicInteger()};
        ExecutorService pool = Executors.newFixedThreadPool(ANNOTATORS);
        int roundsRun = 0;
        int heldBack = 0;
        try {
            int idleRounds = 0;
            while (true) {
                roundsRun++;
                List<Future<Integer>> rounds = new ArrayList<>();
                for (int a = 0; a < ANNOTATORS; a++) {
                    String annotator = annotators.get(a);
                    int first = a % 2;
                    rounds.add(pool.submit(() -> work(projectId, annotator, first, handedTo, completedBy, duplicates,
                            perReplica)));
                }
                int leased = 0;
                for (Future<Integer> round : rounds) {
                    leased += round.get();
                }
                producer.flush();
                // skipped items return to the pool: go round again until a whole round leases nothing. A claim
                // passes over an item whose row another transaction holds at that moment (a completion counting a
                // label, a skip giving its slot back) and may answer 204 while that item has a slot open, as a
                // frontend would find by asking again: so a round that leased nothing ends the work only once no
                // item has an open slot, or after a few such rounds, which leave an item stranded for the checks
                // below to find.
                if (leased > 0) {
                    idleRounds = 0;
                } else if (count("select count(*) from pool_item where available and project_id = '" + projectId
                        + "'") == 0 || ++idleRounds > MAX_IDLE_ROUNDS) {
                    break;
                } else {
                    heldBack++;
                    TimeUnit.MILLISECONDS.sleep(500);
                }
            }
        } finally {
            pool.shutdownNow();
        }

        System.out.println("requests answered 503 and sent again: " + unavailable.get() + "; rounds of claims: "
                + roundsRun + ", of which leased nothing while a slot was open: " + heldBack);
        assertThat(duplicates.get()).as("an annotator was handed an item twice").isZero();
        assertThat(completedBy).hasSize(ITEMS);
        List<String> wrong = completedBy.entrySet().stream()
                .filter(e -> e.getValue().size() != expectedK.get(e.getKey())).map(Map.Entry::getKey).sorted().toList();
        assertThat(wrong).as(() -> "items whose annotators are not their k: " + whatHappenedTo(wrong, completedBy,
                expectedK)).isEmpty();
        assertThat(perReplica[0].get()).isPositive();
        assertThat(perReplica[1].get()).isPositive();
        await().atMost(Duration.ofSeconds(120)).until(() ->
                count("select count(*) from assignment where status = 'COMPLETED'") == labels);
        String itemsK = "coalesce(p.annotators_per_item, " + K + ")";
        assertThat(count("select count(*) from (select a.item_id from assignment a join pool_item p using (item_id)"
                + " where a.status = 'COMPLETED' group by a.item_id, p.annotators_per_item"
                + " having count(distinct a.annotator_id) <> " + itemsK + ") wrong")).isZero();
        assertThat(count("select count(*) from assignment where status = 'LEASED'")).isZero();
        assertThat(count("select count(*) from pool_item p where taken <> " + itemsK + " or completed <> " + itemsK
                + " or reserved <> 0")).isZero();
        // every assignee was served their reserved items before the pool ran dry for them
        assertThat(count("select count(*) from reservation")).isZero();
    }

    /** One annotator pulls until nothing is left; returns how many leases it got. */
    private int work(UUID projectId, String annotator, int firstReplica, Map<String, Set<String>> handedTo,
                     Map<String, Set<String>> completedBy, AtomicInteger duplicates, AtomicInteger[] perReplica)
            throws Exception {
        String bearer = "Bearer " + DevTokens.mint(annotator, "annotator");
        Set<String> mine = handedTo.computeIfAbsent(annotator, a -> ConcurrentHashMap.newKeySet());
        int leased = 0;
        int replica = firstReplica;
        while (true) {
            replica = 1 - replica;
            HttpResponse<String> response = post(replica, "/projects/" + projectId + "/tasks/next", bearer, null);
            if (response.statusCode() == 204) {
                return leased;
            }
            assertThat(response.statusCode()).as(explained(replica, response)).isEqualTo(200);
            leased++;
            perReplica[replica].incrementAndGet();
            JsonNode lease = EventCodec.mapper().readTree(response.body());
            String itemId = lease.get("itemId").asText();
            if (!mine.add(itemId)) {
                duplicates.incrementAndGet();
            }
            if (ThreadLocalRandom.current().nextDouble() < SKIP_SHARE) {
                HttpResponse<String> released = post(replica,
                        "/assignments/" + lease.get("assignmentId").asText() + "/release", bearer, "{\"reason\":\"skip\"}");
                assertThat(released.statusCode()).as(explained(replica, released)).isEqualTo(204);
                continue;
            }
            completedBy.computeIfAbsent(itemId, i -> ConcurrentHashMap.newKeySet()).add(annotator);
            send(Topics.ANNOTATIONS, new AnnotationSubmitted(UUID.randomUUID(),
                    UUID.fromString(lease.get("assignmentId").asText()), UUID.fromString(itemId), projectId, annotator,
                    EventCodec.mapper().valueToTree(Map.of("choice", "a")), null, 10, 1, 1, 0, Instant.now()));
        }
    }

    /**
     * A POST as a frontend sends it: a 503 (no free database connection at that moment, with 200 clients
     * on two cores) is sent again after its Retry-After.
     */
    private HttpResponse<String> post(int replica, String path, String bearer, String json) throws Exception {
        while (true) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(replicas.get(replica).baseUrl() + path))
                    .header("Authorization", bearer);
            if (json == null) {
                request.POST(HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 503) {
                return response;
            }
            unavailable.incrementAndGet();
            long seconds = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
            TimeUnit.SECONDS.sleep(Math.min(seconds, 5));
        }
    }

    /** The body of an unexpected answer, with what the replica logged about it. */
    private static String explained(int replica, HttpResponse<String> response) throws Exception {
        Path log = workDir.resolve("replica-" + replica + ".log");
        List<String> errors = Files.readAllLines(log).stream().filter(line -> line.contains(" ERROR ")).toList();
        return response.body() + "\nreplica " + replica + " logged: " + errors;
    }

    private static ProjectEvent project(UUID projectId, List<ProjectMember> members) {
        ProjectPolicies d = ProjectPolicies.defaults();
        ProjectPolicies policies = new ProjectPolicies(K, MAX_K, 0.0, 0, d.qualificationMinAccuracy(),
                d.quarantineAccuracy(), d.autoAcceptConfidence(), d.spotCheckRate(), d.targetAgreement(), 600,
                d.revisionGraceSeconds(), false, false, d.hourlyRate(), 1.0, d.aggregation());
        return new ProjectEvent(projectId, "exactly-k", "replicas", ProjectState.ACTIVE, 1, 1,
                new LabelingSchema(TaskType.SINGLE_LABEL, List.of(new LabelDefinition("a", null, null),
                        new LabelDefinition("b", null, null)), null),
                new Guidelines(1, "pick one", List.of(), List.of()), policies, members, Instant.now(), true);
    }

    private static void send(String topic, EventPayload payload) {
        producer.send(new ProducerRecord<>(topic, payload.key(),
                EventCodec.write(EventCodec.envelope(payload, Clock.systemUTC()))));
    }

    /** For a failure: what the client saw and what the database holds of the first few wrong items. */
    private static String whatHappenedTo(List<String> items, Map<String, Set<String>> completedBy,
                                         Map<String, Integer> expectedK) {
        StringBuilder story = new StringBuilder(items.size() + " items");
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl() + "?currentSchema=" + SCHEMA,
                EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD)) {
            for (String item : items.subList(0, Math.min(5, items.size()))) {
                story.append("\nitem ").append(item).append(", k ").append(expectedK.get(item))
                        .append(", completed by ").append(completedBy.get(item));
                rows(c, "select taken, reserved, completed, required, closed, rank_at from pool_item where item_id = '"
                        + item + "'", story);
                rows(c, "select annotator_id, status, counted, redeemed, leased_at, ended_at from assignment"
                        + " where item_id = '" + item + "' order by leased_at", story);
            }
        } catch (Exception e) {
            story.append("\n(the database could not be read: ").append(e).append(')');
        }
        return story.toString();
    }

    private static void rows(Connection c, String sql, StringBuilder story) throws Exception {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                story.append("\n  ");
                for (int i = 1; i <= columns; i++) {
                    story.append(r.getMetaData().getColumnName(i)).append('=').append(r.getString(i)).append(' ');
                }
            }
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl() + "?currentSchema=" + SCHEMA,
                EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
