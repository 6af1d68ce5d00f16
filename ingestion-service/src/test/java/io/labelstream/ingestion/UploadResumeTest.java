package io.labelstream.ingestion;

import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.ingestion.domain.ItemSubmission;
import io.labelstream.ingestion.repository.UploadJobRepository;
import io.labelstream.ingestion.service.ItemIngester;
import io.labelstream.ingestion.service.UploadBatchWriter;
import io.labelstream.ingestion.service.UploadProcessor;
import io.labelstream.ingestion.spool.UploadOwnership;
import io.labelstream.ingestion.spool.UploadSpool;
import io.labelstream.platform.project.ProjectDirectory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.labelstream.ingestion.Fixtures.as;
import static io.labelstream.ingestion.Fixtures.user;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * A worker that died after committing the first batch leaves a RUNNING job with its position; the next
 * start resumes from there, so no line is stored twice and none is lost.
 */
@QuarkusTest
class UploadResumeTest {

    @Inject
    UploadJobRepository jobs;
    @Inject
    UploadBatchWriter writer;
    @Inject
    ItemIngester ingester;
    @Inject
    UploadProcessor processor;
    @Inject
    ProjectDirectory directory;
    @Inject
    UploadSpool spool;
    @Inject
    UploadOwnership ownership;

    @Test
    void anInterruptedUploadResumesAfterItsLastCommittedLine() throws Exception {
        String manager = user("manager");
        UUID projectId = UUID.fromString(Fixtures.singleLabelProject(manager));
        ProjectEvent project = directory.find(projectId).orElseThrow();
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            lines.add("{\"externalId\": \"r-" + i + "\", \"data\": {\"text\": \"line " + i + "\"}}");
        }
        UUID jobId = UUID.randomUUID();
        byte[] body = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        long afterFourLines = String.join("\n", lines.subList(0, 4)).getBytes(StandardCharsets.UTF_8).length + 1;

        // created and owned in one transaction, as the service does: a job with no live owner is one that this
        // instance's heartbeat takes over and fails
        QuarkusTransaction.requiringNew().run(() -> {
            jobs.create(jobId, projectId, manager, null);
            ownership.own(jobId);
        });
        spool.write(jobId, new ByteArrayInputStream(body));
        QuarkusTransaction.requiringNew().run(() -> {
            jobs.queue(jobId, body.length);
            jobs.start(jobId);
        });
        List<ItemIngester.Submitted> firstBatch = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            firstBatch.add(new ItemIngester.Submitted(i + 1,
                    EventCodec.mapper().readValue(lines.get(i), ItemSubmission.class), null));
        }
        writer.commit(jobId, ingester.prepare(project, firstBatch, jobId),
                new UploadBatchWriter.Position(0, 4, afterFourLines));

        processor.process(jobId);

        as(manager, "manager").get("/projects/" + projectId + "/uploads/" + jobId).then().statusCode(200)
                .body("state", equalTo("COMPLETED")).body("linesProcessed", equalTo(10))
                .body("accepted", equalTo(10)).body("duplicates", equalTo(0)).body("rejected", equalTo(0));
        as(manager, "manager").get("/projects/" + projectId + "/items").then().statusCode(200)
                .body("items", hasSize(10));
    }
}
