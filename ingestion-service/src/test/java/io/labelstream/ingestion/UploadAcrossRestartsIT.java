package io.labelstream.ingestion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labelstream.devstack.DevTokens;
import io.labelstream.devstack.EmbeddedPostgresServer;
import io.labelstream.devstack.FreePorts;
import io.labelstream.devstack.InProcessKafka;
import io.labelstream.devstack.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
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
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two processes of the packaged service against one database and one broker, as two pods of a Deployment.
 * One of them is killed (kill -9) in the middle of processing a large upload and started again, while the
 * other is still receiving an upload: the restarted process must leave the other's upload alone, and the
 * killed process's job must be resumed from the body spooled in the database and end with every line stored
 * exactly once.
 */
class UploadAcrossRestartsIT {

    private static final String SCHEMA = "ingestion";
    private static final int LARGE_LINES = 60_000;
    private static final int SLOW_LINES = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedPostgresServer postgres;
    private static InProcessKafka kafka;
    private static Path workDir;
    private static Path publicKey;
    private static ServiceProcess first;
    private static ServiceProcess second;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).build();
    private final String manager = "manager-" + UUID.randomUUID();
    private final String token = DevTokens.mint(manager, "manager", "ingestor");

    @BeforeAll
    static void startTwoProcesses() throws Exception {
        postgres = EmbeddedPostgresServer.forTests();
        postgres.createSchema(SCHEMA, true);
        kafka = InProcessKafka.start(1);
        workDir = Files.createTempDirectory("ingestion-it");
        publicKey = workDir.resolve("jwt-public.pem");
        Files.writeString(publicKey, DevTokens.publicKeyPem());
        // one after the other, so that only the first runs the migrations
        first = startProcess("first-0");
        second = startProcess("second-0");
    }

    @AfterAll
    static void stop() throws Exception {
        for (ServiceProcess process : new ServiceProcess[] {first, second}) {
            if (process != null) {
                process.close();
            }
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aKilledProcessesUploadIsResumedAndItsRestartLeavesTheOtherProcessesUploadAlone() throws Exception {
        String projectId = createProject(first.baseUrl());

        // the second process starts receiving an upload that arrives slowly, over the whole test
        SlowBody slowSender = new SlowBody();
        CompletableFuture<HttpResponse<String>> slowUpload = http.sendAsync(HttpRequest.newBuilder(
                        URI.create(second.baseUrl() + "/projects/" + projectId + "/uploads"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> slowSender)).build(),
                HttpResponse.BodyHandlers.ofString());
        int slowSent = sendLines(slowSender, "slow", 0, SLOW_LINES / 2);

        // the first process accepts a large upload and starts working through it
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(
                        URI.create(first.baseUrl() + "/projects/" + projectId + "/uploads"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(lines("large", 0, LARGE_LINES))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String largeJob = JSON.readTree(accepted.body()).path("jobId").asText();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                .until(() -> job(second.baseUrl(), projectId, largeJob).path("linesProcessed").asLong() > 0);

        // ... and is killed in the middle of it, then started again under a new instance id
        first.kill();
        JsonNode interrupted = job(second.baseUrl(), projectId, largeJob);
        assertThat(interrupted.path("state").asText()).isEqualTo("RUNNING");
        assertThat(interrupted.path("linesProcessed").asLong()).isLessThan(LARGE_LINES);
        first = startProcess("first-1");

        // several heartbeats and a whole lease later, the second process's upload is still receiving
        Thread.sleep(8_000);
        assertThat(slowUpload).isNotDone();
        assertThat(count("select count(*) from upload_job where state = 'FAILED'")).isZero();
        slowSent += sendLines(slowSender, "slow", SLOW_LINES / 2, SLOW_LINES);
        slowSender.close();

        HttpResponse<String> slowAnswer = slowUpload.join();
        assertThat(slowAnswer.statusCode()).as(slowAnswer.body()).isIn(200, 202);
        String slowJob = JSON.readTree(slowAnswer.body()).path("jobId").asText();
        JsonNode slow = await().atMost(Duration.ofSeconds(120))
                .until(() -> job(first.baseUrl(), projectId, slowJob), j -> j.path("state").asText().equals("COMPLETED"));
        assertThat(slow.path("accepted").asLong()).isEqualTo(slowSent);

        JsonNode large = await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                .until(() -> job(second.baseUrl(), projectId, largeJob), j -> j.path("state").asText().equals("COMPLETED"));
        assertThat(large.path("linesProcessed").asLong()).isEqualTo(LARGE_LINES);
        assertThat(large.path("accepted").asLong()).isEqualTo(LARGE_LINES);
        assertThat(large.path("duplicates").asLong()).isZero();
        assertThat(large.path("rejected").asLong()).isZero();
        assertThat(count("select count(*) from item where project_id = '" + projectId + "'"))
                .isEqualTo(LARGE_LINES + slowSent);
        assertThat(count("select count(*) from upload_spool_chunk")).isZero();
    }

    private String createProject(String baseUrl) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/projects"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"name": "restarts", "schema": {"taskType": "SINGLE_LABEL",
                          "labels": [{"name": "positive"}, {"name": "negative"}]}}""")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("projectId").asText();
    }

    private JsonNode job(String baseUrl, String projectId, String jobId) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                        URI.create(baseUrl + "/projects/" + projectId + "/uploads/" + jobId))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static int sendLines(SlowBody out, String prefix, int from, int to) {
        for (int i = from; i < to; i += 100) {
            out.send(lines(prefix, i, Math.min(i + 100, to)));
        }
        return to - from;
    }

    private static byte[] lines(String prefix, int from, int to) {
        StringBuilder file = new StringBuilder();
        for (int i = from; i < to; i++) {
            file.append("{\"externalId\": \"").append(prefix).append('-').append(i)
                    .append("\", \"data\": {\"text\": \"line ").append(i).append(" of the ").append(prefix)
                    .append(" upload\"}}\n");
        }
        return file.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static long count(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl() + "?currentSchema=" + SCHEMA,
                EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static ServiceProcess startProcess(String name) throws Exception {
        int port = FreePorts.one();
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl() + "?currentSchema=" + SCHEMA);
        env.put("QUARKUS_DATASOURCE_USERNAME", EmbeddedPostgresServer.USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", EmbeddedPostgresServer.PASSWORD);
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toString());
        env.put("MP_JWT_VERIFY_ISSUER", DevTokens.ISSUER);
        // small batches, so the kill lands in the middle of the job; a short lease, so the test is quick
        env.put("LABELSTREAM_UPLOAD_LINES_PER_TX", "200");
        env.put("LABELSTREAM_UPLOAD_HEARTBEAT", "1s");
        env.put("LABELSTREAM_UPLOAD_LEASE", "4s");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        ServiceProcess process = new ServiceProcess("ingestion-" + name, List.of(java, "-Xmx384m", "-jar", jar.toString()),
                env, workDir.resolve(name + ".log"), port).start();
        await().atMost(Duration.ofSeconds(120)).until(() -> process.isReady() || !process.isAlive());
        assertThat(process.isAlive()).as("ingestion-%s started; see %s", name, process.logFile()).isTrue();
        return process;
    }

    /** A request body that arrives when the test sends it, and ends when the test closes it. */
    private static final class SlowBody extends InputStream {

        private static final byte[] END = new byte[0];
        private final BlockingQueue<byte[]> parts = new LinkedBlockingQueue<>();
        private byte[] current = new byte[0];
        private int index;
        private boolean ended;

        void send(byte[] part) {
            parts.add(part);
        }

        @Override
        public void close() {
            parts.add(END);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            while (!ended && index == current.length) {
                try {
                    current = parts.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
                index = 0;
                ended = current == END;
            }
            if (ended) {
                return -1;
            }
            int count = Math.min(length, current.length - index);
            System.arraycopy(current, index, buffer, offset, count);
            index += count;
            return count;
        }
    }
}
