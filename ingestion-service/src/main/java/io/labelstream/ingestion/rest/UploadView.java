package io.labelstream.ingestion.rest;

import io.labelstream.ingestion.domain.UploadJob;
import io.labelstream.ingestion.repository.UploadJobRepository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An upload job: progress and summary, and one page of rejected lines; {@code nextAfterLine} fetches the
 * next page when there may be more.
 */
public record UploadView(
        UUID jobId,
        UUID projectId,
        UploadJob.State state,
        long bytesReceived,
        long linesProcessed,
        long accepted,
        long duplicates,
        long rejected,
        String error,
        Instant createdAt,
        Instant finishedAt,
        List<UploadJobRepository.Rejection> rejections,
        Long nextAfterLine) {

    static UploadView of(UploadJob job, List<UploadJobRepository.Rejection> rejections, int limit) {
        Long next = rejections.size() == limit ? rejections.get(rejections.size() - 1).line() : null;
        return new UploadView(job.jobId(), job.projectId(), job.state(), job.bytesReceived(), job.linesCommitted(),
                job.accepted(), job.duplicates(), job.rejected(), job.error(), job.createdAt(), job.finishedAt(),
                rejections, next);
    }
}
