package io.labelstream.ingestion.repository;

import java.time.Instant;
import java.util.UUID;

/** A bulk upload: its spooled file and how far processing has committed. */
public record UploadJob(
        UUID jobId,
        UUID projectId,
        String createdBy,
        State state,
        String spoolFile,
        long bytesReceived,
        long linesCommitted,
        long bytesCommitted,
        long accepted,
        long duplicates,
        long rejected,
        String error,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt) {

    public enum State {
        /** the body is still arriving */
        RECEIVING,
        /** spooled, waiting for a worker */
        QUEUED,
        RUNNING,
        COMPLETED,
        FAILED;

        public boolean finished() {
            return this == COMPLETED || this == FAILED;
        }
    }
}
