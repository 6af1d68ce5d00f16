package io.labelstream.ingestion.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;

import java.time.Instant;
import java.util.UUID;

/**
 * A bulk upload: its spooled file and how far processing has committed. The counters move by SQL, batch
 * by batch, on the import's hot path; the entity changes only the job's state, so an update writes only
 * the columns it changed.
 */
@Entity
@Table(name = "upload_job")
@DynamicUpdate
public class UploadJob extends PanacheEntityBase {

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

    @Id
    @Column(name = "job_id")
    private UUID jobId;

    @Column(name = "project_id")
    private UUID projectId;

    @Column(name = "created_by")
    private String createdBy;

    @Enumerated(EnumType.STRING)
    private State state;

    @Column(name = "spool_file")
    private String spoolFile;

    @Column(name = "bytes_received")
    private long bytesReceived;

    @Column(name = "lines_committed")
    private long linesCommitted;

    @Column(name = "bytes_committed")
    private long bytesCommitted;

    private long accepted;

    private long duplicates;

    private long rejected;

    private String error;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    protected UploadJob() {
    }

    /** A job whose body is still arriving into {@code spoolFile}. */
    public static UploadJob receiving(UUID jobId, UUID projectId, String createdBy, String spoolFile, Instant now) {
        UploadJob job = new UploadJob();
        job.jobId = jobId;
        job.projectId = projectId;
        job.createdBy = createdBy;
        job.state = State.RECEIVING;
        job.spoolFile = spoolFile;
        job.createdAt = now;
        job.updatedAt = now;
        return job;
    }

    /**
     * The whole body is spooled; a worker may take the job. False if the job is no longer receiving: another
     * instance failed it, taking it for its receiver's, which it thought gone.
     */
    public boolean queue(long bytes, Instant now) {
        if (state != State.RECEIVING) {
            return false;
        }
        state = State.QUEUED;
        bytesReceived = bytes;
        updatedAt = now;
        return true;
    }

    /** Takes a queued job, or one whose worker stopped; false for a job that cannot run. */
    public boolean start(Instant now) {
        if (state != State.QUEUED && state != State.RUNNING) {
            return false;
        }
        state = State.RUNNING;
        updatedAt = now;
        return true;
    }

    /** Ends the job; a job that already ended keeps its outcome. */
    public void finish(State outcome, String reason, Instant now) {
        if (state.finished()) {
            return;
        }
        state = outcome;
        error = reason;
        finishedAt = now;
        updatedAt = now;
    }

    public UUID jobId() {
        return jobId;
    }

    public UUID projectId() {
        return projectId;
    }

    public String createdBy() {
        return createdBy;
    }

    public State state() {
        return state;
    }

    public String spoolFile() {
        return spoolFile;
    }

    public long bytesReceived() {
        return bytesReceived;
    }

    public long linesCommitted() {
        return linesCommitted;
    }

    public long bytesCommitted() {
        return bytesCommitted;
    }

    public long accepted() {
        return accepted;
    }

    public long duplicates() {
        return duplicates;
    }

    public long rejected() {
        return rejected;
    }

    public String error() {
        return error;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }
}
