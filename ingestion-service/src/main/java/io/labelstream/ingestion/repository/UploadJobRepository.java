package io.labelstream.ingestion.repository;

import io.labelstream.ingestion.domain.LineOutcome;
import io.labelstream.ingestion.domain.UploadJob;
import io.labelstream.platform.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Upload jobs. A job's life (received, queued, started, finished) is the entity's; the progress of its
 * batches and their rejected lines are written by SQL in each batch's transaction, on the import's hot
 * path.
 */
@ApplicationScoped
public class UploadJobRepository {

    /** A rejected line of an upload. */
    public record Rejection(long line, String reason) {
    }

    private static final String PROGRESS = """
            update upload_job set lines_committed = ?, bytes_committed = ?, accepted = accepted + ?,
                duplicates = duplicates + ?, rejected = rejected + ?, updated_at = now()
            where job_id = ? and lines_committed = ? and state = 'RUNNING'""";
    private static final String REJECT = """
            insert into upload_rejection (job_id, line_no, reason)
            select ?, l, r from unnest(?::bigint[], ?::text[]) as t(l, r) on conflict do nothing""";
    private static final String REJECTIONS =
            "select line_no, reason from upload_rejection where job_id = ? and line_no > ? order by line_no limit ?";

    private final Jdbc jdbc;

    public UploadJobRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public void create(UUID jobId, UUID projectId, String createdBy, String spoolFile) {
        UploadJob.receiving(jobId, projectId, createdBy, spoolFile, Instant.now()).persistAndFlush();
    }

    /** False if the job is no longer receiving (see {@link UploadJob#queue}). */
    public boolean queue(UUID jobId, long bytesReceived) {
        boolean queued = locked(jobId).map(job -> job.queue(bytesReceived, Instant.now())).orElse(false);
        UploadJob.flush();
        return queued;
    }

    public boolean start(UUID jobId) {
        boolean started = locked(jobId).map(job -> job.start(Instant.now())).orElse(false);
        UploadJob.flush();
        return started;
    }

    /**
     * Records a committed batch; refused (false) unless the job still stands where the batch began, so two
     * workers can never both commit the same lines.
     */
    public boolean advance(UUID jobId, long linesBefore, long linesAfter, long bytesAfter, List<LineOutcome> outcomes) {
        long accepted = outcomes.stream().filter(o -> o.status() == LineOutcome.Status.ACCEPTED).count();
        long duplicates = outcomes.stream().filter(o -> o.status() == LineOutcome.Status.DUPLICATE).count();
        List<LineOutcome> rejected = outcomes.stream().filter(o -> o.status() == LineOutcome.Status.REJECTED).toList();
        if (jdbc.update(PROGRESS, linesAfter, bytesAfter, accepted, duplicates, (long) rejected.size(), jobId,
                linesBefore) != 1) {
            return false;
        }
        if (!rejected.isEmpty()) {
            jdbc.update(REJECT, jobId, rejected.stream().map(LineOutcome::line).toArray(Long[]::new),
                    rejected.stream().map(LineOutcome::reason).toArray(String[]::new));
        }
        return true;
    }

    public void finish(UUID jobId, UploadJob.State state, String error) {
        locked(jobId).ifPresent(job -> job.finish(state, error, Instant.now()));
        UploadJob.flush();
    }

    public Optional<UploadJob> find(UUID jobId) {
        return UploadJob.findByIdOptional(jobId);
    }

    public List<Rejection> rejections(UUID jobId, long afterLine, int limit) {
        return jdbc.list(REJECTIONS, row -> new Rejection(row.getLong("line_no"), row.getString("reason")),
                jobId, afterLine, limit);
    }

    /** The job, its row locked to the end of the transaction, as the state changes always took it. */
    private static Optional<UploadJob> locked(UUID jobId) {
        return UploadJob.findByIdOptional(jobId, LockModeType.PESSIMISTIC_WRITE);
    }
}
