package io.labelstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labelstream.devstack.DevTokens;
import io.labelstream.devstack.EmbeddedPostgresServer;
import io.labelstream.devstack.FreePorts;
import io.labelstream.devstack.InProcessKafka;
import io.labelstream.devstack.ServiceProcess;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Imports N items (default 1,000,000) from an NDJSON file through ingestion-service's REST upload, with
 * the service in a child process limited to a 512 MB heap, and measures the same rows and events written by
 * raw JDBC batch inserts plus raw Kafka produce as the baseline. Every run counts until every item is on
 * Kafka. A minimal baseline, a few columns and a small event, is printed beside it for scale.
 * Build the service first: {@code ./mvnw -q -pl ingestion-service package -DskipTests}; run with
 * {@code ./mvnw -q -pl bench exec:java -Dexec.mainClass=io.labelstream.bench.IngestionBench -Dexec.args=200000}.
 */
public final class IngestionBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern HEAP_USED = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.E+]+)",
            Pattern.MULTILINE);
    private static final int BASELINE_BATCH = 500;

    private IngestionBench() {
    }

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path root = Path.of(System.getProperty("labelstream.root", "."));
        Path jar = root.resolve("ingestion-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the service first: ./mvnw -q -pl ingestion-service package -DskipTests");
        }
        Path work = Files.createTempDirectory("ingestion-bench");
        Path file = work.resolve("items.ndjson");
        writeItems(file, lines);
        System.out.printf("ingest.lines=%d%ningest.file_mb=%.1f%n", lines, Files.size(file) / 1e6);

        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.forTests();
             InProcessKafka kafka = InProcessKafka.start(3)) {
            postgres.createSchema("ingestion", true);
            postgres.createSchema("baseline", true);
            postgres.createSchema("baseline_minimal", true);
            double rest = viaRest(root, jar, work, file, lines, postgres, kafka);
            settle(postgres);
            double baseline = baseline(root, file, lines, postgres, kafka);
            System.out.printf("ingest.baseline.items_per_s=%.0f (the service's rows and events)%n", baseline);
            settle(postgres);
            double minimal = minimalBaseline(file, lines, postgres, kafka);
            System.out.printf("ingest.baseline_minimal.items_per_s=%.0f (six columns, a three-field event)%n", minimal);
            System.out.printf("ingest.ratio=%.2f (service / baseline; goal >= 0.5)%n", rest / baseline);
            System.out.printf("ingest.ratio_to_minimal=%.2f%n", rest / minimal);
        }
        System.exit(0);
    }

    private static double viaRest(Path root, Path jar, Path work, Path file, int lines, EmbeddedPostgresServer postgres,
                                  InProcessKafka kafka) throws Exception {
        Path key = work.resolve("jwt-public.pem");
        Files.writeString(key, DevTokens.publicKeyPem());
        int port = FreePorts.one();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ServiceProcess service = new ServiceProcess("ingestion-service", List.of(java, "-Xmx512m", "-jar", jar.toString()),
                Map.of("QUARKUS_HTTP_PORT", String.valueOf(port),
                        "QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl() + "?currentSchema=ingestion",
                        "QUARKUS_DATASOURCE_USERNAME", EmbeddedPostgresServer.USER,
                        "QUARKUS_DATASOURCE_PASSWORD", EmbeddedPostgresServer.PASSWORD,
                        "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                        "MP_JWT_VERIFY_PUBLICKEY_LOCATION", key.toString(),
                        "MP_JWT_VERIFY_ISSUER", DevTokens.ISSUER),
                work.resolve("ingestion-service.log"), port).start();
        try {
            Instant deadline = Instant.now().plusSeconds(120);
            while (!service.isReady()) {
                if (Instant.now().isAfter(deadline) || !service.isAlive()) {
                    throw new IllegalStateException("ingestion-service did not start; see " + service.logFile());
                }
                awaitQuietly(Duration.ofMillis(500));
            }
            String token = DevTokens.mint("bench-manager", "manager", "ingestor");
            String base = service.baseUrl();
            HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/projects"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"name": "bench", "schema": {"taskType": "SINGLE_LABEL",
                             "labels": [{"name": "positive"}, {"name": "negative"}]}}""")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String projectId = JSON.readTree(created.body()).get("projectId").asText();
            long itemsBefore = endOffsets(kafka, "labeling.items");

            AtomicLong peakHeap = new AtomicLong();
            Thread sampler = new Thread(() -> sampleHeap(base, peakHeap), "heap-sampler");
            sampler.setDaemon(true);
            sampler.start();

            long start = System.nanoTime();
            HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/projects/" + projectId + "/uploads"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
            double uploaded = (System.nanoTime() - start) / 1e9;
            String location = accepted.headers().firstValue("Location").orElseThrow(
                    () -> new IllegalStateException("upload refused: " + accepted.statusCode() + " " + accepted.body()));
            JsonNode job;
            do {
                awaitQuietly(Duration.ofMillis(200));
                job = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(location))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body());
            } while (!job.get("state").asText().equals("COMPLETED") && !job.get("state").asText().equals("FAILED"));
            double stored = (System.nanoTime() - start) / 1e9;
            while (endOffsets(kafka, "labeling.items") - itemsBefore < lines) {
                awaitQuietly(Duration.ofMillis(100));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            sampler.interrupt();
            System.out.printf("ingest.rest.job=%s accepted=%d duplicates=%d rejected=%d%n", job.get("state").asText(),
                    job.get("accepted").asLong(), job.get("duplicates").asLong(), job.get("rejected").asLong());
            System.out.printf("ingest.rest.uploaded_s=%.1f (the file received and spooled)%n", uploaded);
            System.out.printf("ingest.rest.stored_s=%.1f%n", stored);
            System.out.printf("ingest.rest.published_s=%.1f%n", seconds);
            System.out.printf("ingest.rest.items_per_s=%.0f%n", lines / seconds);
            System.out.printf("ingest.rest.peak_heap_mb=%.0f (max 512)%n", peakHeap.get() / 1e6);
            return lines / seconds;
        } finally {
            service.close();
        }
    }

    /**
     * The same rows and events as the service, written the fastest plain way: the service's own item table
     * (created by its migrations, so the same columns, constraints and indexes), JDBC batches, and an
     * idempotent acks=all producer sending the ItemIngested envelope the service publishes, built by string
     * concatenation. What it leaves out is what makes the service a service: validation, deduplication, the
     * job's progress and the outbox that publishes exactly what committed.
     */
    private static double baseline(Path root, Path file, int lines, EmbeddedPostgresServer postgres,
                                   InProcessKafka kafka) throws Exception {
        UUID projectId = UUID.randomUUID();
        UUID uploadId = UUID.randomUUID();
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl()
                + "?currentSchema=baseline&reWriteBatchedInserts=true", EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
             KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(kafka))) {
            createServiceTables(root, connection, projectId);
            return load("baseline", file, lines, connection, producer, """
                    insert into item (item_id, project_id, external_id, content_hash, kind, pilot, qualification,
                                      data, metadata, schema_version, outbox_event_id, upload_id, ingested_at)
                    values (?, ?, ?, ?, 'REGULAR', false, false, cast(? as jsonb), cast(? as jsonb), 1, ?, ?, ?)""",
                    (item, insert) -> {
                        UUID itemId = UUID.randomUUID();
                        UUID eventId = UUID.randomUUID();
                        Instant now = Instant.now();
                        String data = item.get("data").toString();
                        String metadata = item.get("metadata").toString();
                        String hash = HexFormat.of().formatHex(sha256.digest(data.getBytes(StandardCharsets.UTF_8)));
                        insert.setObject(1, itemId);
                        insert.setObject(2, projectId);
                        insert.setString(3, item.get("externalId").asText());
                        insert.setString(4, hash);
                        insert.setString(5, data);
                        insert.setString(6, metadata);
                        insert.setObject(7, eventId);
                        insert.setObject(8, uploadId);
                        insert.setTimestamp(9, Timestamp.from(now));
                        return new ProducerRecord<>("bench.baseline-items", itemId.toString(),
                                "{\"eventId\":\"" + eventId + "\",\"type\":\"ItemIngested\",\"version\":1,\"occurredAt\":\""
                                        + now + "\",\"projectId\":\"" + projectId + "\",\"key\":\"" + itemId
                                        + "\",\"payload\":{\"itemId\":\"" + itemId + "\",\"projectId\":\"" + projectId
                                        + "\",\"externalId\":" + item.get("externalId") + ",\"kind\":\"REGULAR\",\"pilot\":false,"
                                        + "\"qualification\":false,\"data\":" + data + ",\"metadata\":" + metadata
                                        + ",\"contentHash\":\"" + hash + "\",\"schemaVersion\":1,\"ingestedAt\":\"" + now
                                        + "\",\"assignees\":[]}}");
                    });
        }
    }

    /** The service's tables from its own migrations, in version order, and the project the items belong to. */
    private static void createServiceTables(Path root, Connection connection, UUID projectId)
            throws IOException, SQLException {
        Path migrations = root.resolve("ingestion-service/src/main/resources/db/migration");
        List<Path> scripts;
        try (Stream<Path> files = Files.list(migrations)) {
            scripts = files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .sorted(Comparator.comparingInt(IngestionBench::migrationVersion))
                    .toList();
        }
        try (Statement ddl = connection.createStatement()) {
            for (Path script : scripts) {
                ddl.execute(Files.readString(script));
            }
        }
        try (PreparedStatement project = connection.prepareStatement("""
                insert into project (project_id, name, state, revision, schema_version, document, created_by)
                values (?, 'baseline', 'ACTIVE', 1, 1, '{}', 'bench')""")) {
            project.setObject(1, projectId);
            project.executeUpdate();
        }
    }

    private static int migrationVersion(Path script) {
        String name = script.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    private static Properties producerConfig(InProcessKafka kafka) {
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        // the codec of the service's outbox relay: the same bytes go to the same broker
        producerConfig.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "snappy");
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return producerConfig;
    }

    /**
     * A lower bound below the work of ingesting: six of the item's columns, no metadata, and an event of three
     * fields without its envelope. Printed beside the baseline to show what the item's other fields cost.
     */
    private static double minimalBaseline(Path file, int lines, EmbeddedPostgresServer postgres, InProcessKafka kafka)
            throws Exception {
        UUID projectId = UUID.randomUUID();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl()
                + "?currentSchema=baseline_minimal&reWriteBatchedInserts=true", EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
             KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(kafka))) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("""
                        create table item (item_id uuid primary key, seq bigint generated always as identity unique,
                          project_id uuid not null, external_id text, content_hash text not null, kind text not null,
                          data jsonb not null, ingested_at timestamptz not null default now())""");
                ddl.execute("create unique index item_external_id on item (project_id, external_id)");
            }
            return load("baseline_minimal", file, lines, connection, producer,
                    "insert into item (item_id, project_id, external_id, content_hash, kind, data) values (?, ?, ?, ?, ?, cast(? as jsonb))",
                    (item, insert) -> {
                        UUID itemId = UUID.randomUUID();
                        String data = item.get("data").toString();
                        insert.setObject(1, itemId);
                        insert.setObject(2, projectId);
                        insert.setString(3, item.get("externalId").asText());
                        insert.setString(4, Integer.toHexString(data.hashCode()));
                        insert.setString(5, "REGULAR");
                        insert.setString(6, data);
                        return new ProducerRecord<>("bench.baseline-minimal-items", itemId.toString(),
                                "{\"itemId\":\"" + itemId + "\",\"projectId\":\"" + projectId + "\",\"data\":" + data + "}");
                    });
        }
    }

    /** Binds one line's row to the insert and returns its event. */
    private interface LineLoader {
        ProducerRecord<String, String> load(JsonNode item, PreparedStatement insert) throws SQLException;
    }

    /** Loads the file by batched inserts, committed every {@value #BASELINE_BATCH} rows, and produced events. */
    private static double load(String name, Path file, int lines, Connection connection,
                               KafkaProducer<String, String> producer, String insertSql, LineLoader loader)
            throws Exception {
        connection.setAutoCommit(false);
        long start = System.nanoTime();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             PreparedStatement insert = connection.prepareStatement(insertSql)) {
            String line;
            int batched = 0;
            while ((line = reader.readLine()) != null) {
                producer.send(loader.load(JSON.readTree(line), insert));
                insert.addBatch();
                if (++batched == BASELINE_BATCH) {
                    insert.executeBatch();
                    connection.commit();
                    batched = 0;
                }
            }
            insert.executeBatch();
            connection.commit();
        }
        producer.flush();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("ingest.%s.seconds=%.1f%n", name, seconds);
        return lines / seconds;
    }

    /**
     * Vacuums, analyses and checkpoints, untimed, so that each run starts on a quiet database instead of
     * paying for the autovacuum and the checkpoint that the run before it left behind.
     */
    private static void settle(EmbeddedPostgresServer postgres) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgresServer.USER,
                EmbeddedPostgresServer.PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("vacuum analyze");
            statement.execute("checkpoint");
        }
    }

    private static void writeItems(Path file, int lines) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < lines; i++) {
                out.write("{\"externalId\":\"doc-" + i + "\",\"data\":{\"text\":\"Review number " + i
                        + ": the product arrived on time and works as described, mostly.\"},\"metadata\":{\"source\":\"bench\",\"n\":"
                        + i + "}}\n");
            }
        }
    }

    private static void sampleHeap(String base, AtomicLong peak) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Matcher matcher = HEAP_USED.matcher(metrics);
                double used = 0;
                while (matcher.find()) {
                    used += Double.parseDouble(matcher.group(1));
                }
                peak.accumulateAndGet((long) used, Math::max);
                awaitQuietly(Duration.ofMillis(250));
            } catch (IOException e) {
                return;
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static long endOffsets(InProcessKafka kafka, String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (partitions == null || partitions.isEmpty()) {
                return 0;
            }
            return consumer.endOffsets(partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList())
                    .values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Waits without Thread.sleep: a timed park that an interrupt ends early. */
    private static void awaitQuietly(Duration duration) throws InterruptedException {
        Object monitor = new Object();
        synchronized (monitor) {
            monitor.wait(duration.toMillis());
        }
    }
}
