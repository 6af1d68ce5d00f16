package io.labelstream.ingestion.service;

import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.ingestion.config.IngestionConfig;
import io.labelstream.ingestion.domain.UploadJob;
import io.labelstream.ingestion.repository.UploadJobRepository;
import io.labelstream.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;

/**
 * Receives NDJSON uploads: the body streams to a spool file (never into memory), is made durable, and
 * becomes a job; small uploads are processed before the answer, larger ones in the background.
 */
@ApplicationScoped
public class UploadService {

    private final UploadJobRepository jobs;
    private final UploadProcessor processor;
    private final IngestionConfig config;

    public UploadService(UploadJobRepository jobs, UploadProcessor processor, IngestionConfig config) {
        this.jobs = jobs;
        this.processor = processor;
        this.config = config;
    }

    public UploadJob receive(ProjectEvent project, String caller, InputStream body) {
        UUID jobId = UUID.randomUUID();
        Path file = config.upload().spoolDirectory().resolve(jobId + ".ndjson");
        QuarkusTransaction.requiringNew().run(() -> jobs.create(jobId, project.projectId(), caller, file.toString()));
        long size;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = Channels.newOutputStream(channel);
            size = body.transferTo(out);
            channel.force(true);
        } catch (IOException e) {
            QuarkusTransaction.requiringNew().run(() -> jobs.finish(jobId, UploadJob.State.FAILED,
                    "the upload broke off while it was received: " + e.getMessage()));
            deleteQuietly(file);
            throw ProblemException.badRequest("body", "the upload broke off: " + e.getMessage());
        }
        QuarkusTransaction.requiringNew().run(() -> jobs.queue(jobId, size));
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

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the job is already marked failed; a leftover spool file is only disk space
        }
    }
}
