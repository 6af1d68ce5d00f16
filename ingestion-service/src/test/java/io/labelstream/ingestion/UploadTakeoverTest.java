package io.labelstream.ingestion;

import io.labelstream.ingestion.domain.UploadJob;
import io.labelstream.ingestion.repository.UploadJobRepository;
import io.labelstream.ingestion.spool.UploadOwnership;
import io.labelstream.ingestion.spool.UploadSpool;
import io.labelstream.platform.jdbc.Jdbc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static io.labelstream.ingestion.Fixtures.as;
import static io.labelstream.ingestion.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Two ingestion instances share the database: this service, and another instance that holds uploads of its
 * own (its registration and heartbeat are written here exactly as that instance's {@link UploadOwnership}
 * writes them). While the other instance lives, this one leaves its uploads alone; when it dies mid-upload
 * and comes back under a new id, its queued job is resumed from the spooled body in the database and its
 * half-received one is failed, each exactly once.
 */
@QuarkusTest
class UploadTakeoverTest {

    @Inject
    UploadJobRepository jobs;
    @Inject
    UploadSpool spool;
    @Inject
    UploadOwnership ownership;
    @Inject
    Jdbc jdbc;

    @Test
    void uploadsOfALiveInstanceAreLeftAloneAndThoseOfADeadOneAreTakenOver() throws Exception {
        String manager = user("manager");
        UUID projectId = UUID.fromString(Fixtures.singleLabelProject(manager));
        UUID other = UUID.randomUUID();
        heartbeat(other);
        ScheduledExecutorService otherInstance = Executors.newSingleThreadScheduledExecutor();
        otherInstance.scheduleAtFixedRate(() -> heartbeat(other), 200, 200, TimeUnit.MILLISECONDS);

        // the other instance has received one upload completely and is still receiving another
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            lines.add("{\"externalId\": \"t-" + i + "\", \"data\": {\"text\": \"line " + i + "\"}}");
        }
        byte[] body = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        UUID queued = UUID.randomUUID();
        UUID receiving = UUID.randomUUID();
        // owned in the transaction that creates them: a job without a live owner is taken over at this
        // instance's next beat
        QuarkusTransaction.requiringNew().run(() -> {
            jobs.create(queued, projectId, manager, null);
            jobs.create(receiving, projectId, manager, null);
            own(queued, other);
            own(receiving, other);
        });
        spool.write(queued, new ByteArrayInputStream(body));
        spool.write(receiving, new ByteArrayInputStream(body, 0, body.length / 2));
        QuarkusTransaction.requiringNew().run(() -> jobs.queue(queued, body.length));

        // several heartbeats of this instance pass: nothing of the live instance is touched
        Thread.sleep(3_000);
        assertThat(state(queued)).isEqualTo(UploadJob.State.QUEUED);
        assertThat(state(receiving)).isEqualTo(UploadJob.State.RECEIVING);
        assertThat(owner(queued)).isEqualTo(other);
        assertThat(owner(receiving)).isEqualTo(other);

        // the other instance crashes mid-upload and restarts under a new id
        otherInstance.shutdownNow();
        UUID restarted = UUID.randomUUID();
        heartbeat(restarted);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(state(queued)).isEqualTo(UploadJob.State.COMPLETED);
            assertThat(state(receiving)).isEqualTo(UploadJob.State.FAILED);
        });
        assertThat(owner(queued)).isIn(ownership.instanceId(), restarted);
        assertThat(jobs.find(receiving).map(UploadJob::error).orElseThrow()).contains("send the file again");
        assertThat(chunks(queued)).isZero();
        assertThat(chunks(receiving)).isZero();
        as(manager, "manager").get("/projects/" + projectId + "/uploads/" + queued).then().statusCode(200)
                .body("state", equalTo("COMPLETED")).body("linesProcessed", equalTo(30))
                .body("accepted", equalTo(30)).body("duplicates", equalTo(0)).body("rejected", equalTo(0));
        as(manager, "manager").get("/projects/" + projectId + "/items").then().statusCode(200)
                .body("items", hasSize(30));
    }

    @Test
    void anUploadBelongsToTheInstanceThatReceivedIt() {
        String manager = user("manager");
        String projectId = Fixtures.singleLabelProject(manager);
        String job = as(manager, "manager").contentType("application/x-ndjson")
                .body("{\"externalId\": \"own-1\", \"data\": {\"text\": \"one\"}}\n".getBytes(StandardCharsets.UTF_8))
                .post("/projects/" + projectId + "/uploads").then().statusCode(200)
                .extract().path("jobId");
        assertThat(owner(UUID.fromString(job))).isEqualTo(ownership.instanceId());
        assertThat(chunks(UUID.fromString(job))).isZero();
    }

    private void heartbeat(UUID instance) {
        QuarkusTransaction.requiringNew().run(() -> jdbc.update("""
                insert into ingestion_instance (instance_id) values (?)
                on conflict (instance_id) do update set heartbeat_at = now()""", instance));
    }

    private void own(UUID jobId, UUID instance) {
        jdbc.update("update upload_job set owner_instance = ? where job_id = ?", instance, jobId);
    }

    private UploadJob.State state(UUID jobId) {
        return QuarkusTransaction.requiringNew().call(() -> jobs.find(jobId)).orElseThrow().state();
    }

    private UUID owner(UUID jobId) {
        return jdbc.one("select owner_instance from upload_job where job_id = ?",
                row -> row.getObject(1, UUID.class), jobId).orElse(null);
    }

    private long chunks(UUID jobId) {
        return jdbc.one("select count(*) from upload_spool_chunk where job_id = ?", row -> row.getLong(1), jobId)
                .orElse(0L);
    }
}
