package io.labelstream.ingestion.service;

import io.labelstream.ingestion.domain.LineOutcome;
import io.labelstream.ingestion.repository.UploadJobRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;

/**
 * Commits one batch of an upload: its items with their events, its rejected lines and the job's new
 * position, in one transaction. A crash before the commit leaves the job where it stood, so the batch is
 * read again on resume; a crash after it never repeats the batch.
 */
@ApplicationScoped
public class UploadBatchWriter {

    /** Where a batch ends in the spooled file. */
    public record Position(long linesBefore, long linesAfter, long bytesAfter) {
    }

    private final ItemIngester ingester;
    private final UploadJobRepository jobs;

    public UploadBatchWriter(ItemIngester ingester, UploadJobRepository jobs) {
        this.ingester = ingester;
        this.jobs = jobs;
    }

    @Transactional
    public void commit(UUID jobId, ItemIngester.Prepared batch, Position position) {
        List<LineOutcome> outcomes = ingester.store(batch);
        if (!jobs.advance(jobId, position.linesBefore(), position.linesAfter(), position.bytesAfter(), outcomes)) {
            throw new StaleBatch("upload " + jobId + " moved on while line " + position.linesBefore()
                    + " was being processed; the batch is dropped");
        }
    }

    /** A batch whose job was advanced by another worker meanwhile: nothing of it is stored. */
    public static final class StaleBatch extends IllegalStateException {
        StaleBatch(String message) {
            super(message);
        }
    }
}
