package io.labelstream.ingestion.service;

import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.ingestion.config.IngestionConfig;
import io.labelstream.ingestion.domain.UploadJob;
import io.labelstream.ingestion.repository.UploadJobRepository;
import io.labelstream.ingestion.spool.UploadOwnership;
import io.labelstream.ingestion.spool.UploadSpool;
import io.labelstream.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;

/**
 * Receives NDJSON uploads: the body streams into the database's spool (never whole into memory), and the
 * job, owned by this instance, becomes queued; small uploads are processed before the answer, larger ones in the background.
 */
@ApplicationScoped
public class UploadService {

    private final UploadJobRepository jobs;
    private final UploadProcessor processor;
    private final IngestionConfig config;
    private final UploadSpool spool;
    private final UploadOwnership ownership;

    public UploadService(UploadJobRepository jobs, UploadProcessor processor, IngestionConfig config,
                         UploadSpool spool, UploadOwnership ownership) {
        this.jobs = jobs;
        this.spool = spool;
        this.ownership = ownership;
        this.processor = processor;
        this.config = config;
    }

    public UploadJob receive(ProjectEvent project, String caller, InputStream body) {
        UUID jobId = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            jobs.create(jobId, project.projectId(), caller, null);
            ownership.own(jobId);
        });
        long size;
        try {
            size = spool.write(jobId, body);
        } catch (IOException e) {
            QuarkusTransaction.requiringNew().run(() -> jobs.finish(jobId, UploadJob.State.FAILED,
                    "the upload broke off while it was received: " + e.getMessage()));
            spool.delete(jobId);
            throw ProblemException.badRequest("body", "the upload broke off: " + e.getMessage());
        } catch (RuntimeException e) {
            // the database refused a chunk: the job must not stay RECEIVING under a live owner for good
            try {
                QuarkusTransaction.requiringNew().run(() -> jobs.finish(jobId, UploadJob.State.FAILED,
                        "the upload could not be stored; send the file again"));
                spool.delete(jobId);
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
        if (!QuarkusTransaction.requiringNew().call(() -> jobs.queue(jobId, size))) {
            // failed meanwhile by an instance that took this one for gone: the job says why
            spool.delete(jobId);
            return find(jobId);
        }
        if (size <= config.upload().inlineMaxBytes()) {
            processor.process(jobId);
        } else {
            processor.submit(jobId);
        }
        return find(jobId);
    }

    public UploadJob find(UUID jobId) {
        return QuarkusTransaction.requiringNew().call(() -> jobs.find(jobId))
                .orElseThrow(() -> ProblemException.notFound("upload " + jobId));
    }

    public List<UploadJobRepository.Rejection> rejections(UUID jobId, long afterLine, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> jobs.rejections(jobId, afterLine, limit));
    }
}
