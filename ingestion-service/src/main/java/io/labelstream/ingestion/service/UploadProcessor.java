package io.labelstream.ingestion.service;

import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.ingestion.config.IngestionConfig;
import io.labelstream.ingestion.domain.NdjsonLines;
import io.labelstream.ingestion.domain.UploadJob;
import io.labelstream.ingestion.domain.Violation;
import io.labelstream.ingestion.repository.UploadJobRepository;
import io.labelstream.ingestion.spool.UploadOwnership;
import io.labelstream.ingestion.spool.UploadSpool;
import io.labelstream.platform.project.ProjectDirectory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Works through spooled uploads in batches. Each batch commits with the job's position, so the instance that
 * takes over a job (see {@link UploadOwnership}) resumes it from its last committed line.
 */
@ApplicationScoped
public class UploadProcessor {

    private static final Logger LOG = Logger.getLogger(UploadProcessor.class);

    private final UploadJobRepository jobs;
    private final UploadBatchWriter writer;
    private final ItemIngester ingester;
    private final ProjectDirectory directory;
    private final IngestionConfig config;
    private final UploadSpool spool;
    private final UploadOwnership ownership;
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    private ExecutorService workers;
    private ExecutorService committers;

    public UploadProcessor(UploadJobRepository jobs, UploadBatchWriter writer, ItemIngester ingester,
                           ProjectDirectory directory, IngestionConfig config, UploadSpool spool,
                           UploadOwnership ownership) {
        this.jobs = jobs;
        this.writer = writer;
        this.ingester = ingester;
        this.directory = directory;
        this.config = config;
        this.spool = spool;
        this.ownership = ownership;
    }

    void start(@Observes StartupEvent started) {
        workers = Executors.newFixedThreadPool(config.upload().workers(), runnable -> {
            Thread thread = new Thread(runnable, "upload-worker");
            thread.setDaemon(true);
            return thread;
        });
        // a job has at most one batch being committed while its worker reads and prepares the next one
        committers = Executors.newFixedThreadPool(config.upload().workers(), runnable -> {
            Thread thread = new Thread(runnable, "upload-committer");
            thread.setDaemon(true);
            return thread;
        });
        ownership.start(this::adopt);
    }

    /** A job taken over from an instance that is gone: resumed, or failed if its body never fully arrived. */
    private void adopt(UUID jobId, UploadJob.State state) {
        if (state == UploadJob.State.RECEIVING) {
            fail(jobId, "the upload was interrupted before the whole file arrived; send the file again");
        } else {
            submit(jobId);
        }
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        if (workers != null) {
            workers.shutdownNow();
            committers.shutdownNow();
            workers.awaitTermination(5, TimeUnit.SECONDS);
            committers.awaitTermination(5, TimeUnit.SECONDS);
        }
        // only once no batch of this instance is in flight: the others may take its jobs over from here
        ownership.stop();
    }

    public void submit(UUID jobId) {
        workers.submit(() -> process(jobId));
    }

    /** Processes the job on the calling thread. */
    public void process(UUID jobId) {
        if (!running.add(jobId)) {
            return;
        }
        boolean again = false;
        try {
            run(jobId);
        } catch (UploadBatchWriter.StaleBatch e) {
            // another instance committed this job's lines meanwhile (it took the job over while this one could
            // not renew its heartbeat): the owner carries on from the job's committed position
            again = ownership.owns(jobId);
            LOG.infof("upload %s moved on elsewhere; %s", jobId, again ? "resuming it here" : "its new owner carries on");
        } catch (RuntimeException | IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                LOG.infof("upload %s stopped by shutdown; the instance that takes it over resumes it", jobId);
                return;
            }
            if (!ownership.owns(jobId)) {
                // taken over while this instance could not renew its heartbeat: the new owner carries on
                LOG.infof("upload %s stopped here; another instance has taken it over", jobId);
                return;
            }
            LOG.errorf(e, "upload %s failed", jobId);
            fail(jobId, "processing failed: " + e.getMessage());
        } finally {
            running.remove(jobId);
        }
        if (again) {
            submit(jobId);
        }
    }

    private void run(UUID jobId) throws IOException {
        UploadJob job = QuarkusTransaction.requiringNew().call(() -> jobs.find(jobId)).orElse(null);
        if (job == null || job.state().finished() || !QuarkusTransaction.requiringNew().call(() -> jobs.start(jobId))) {
            return;
        }
        int batchSize = config.upload().linesPerTransaction();
        // reading and parsing the next batch overlaps the commit of the previous one; commits stay in order
        Future<Boolean> committing = CompletableFuture.completedFuture(true);
        try (InputStream in = spool.open(jobId, job.bytesCommitted(), job.bytesReceived())) {
            NdjsonLines lines = new NdjsonLines(in, config.maxItemBytes(), job.linesCommitted(), job.bytesCommitted());
            long linesBefore = job.linesCommitted();
            List<ItemIngester.Submitted> batch = new ArrayList<>(batchSize);
            NdjsonLines.Line line;
            NdjsonLines.Line last = null;
            while ((line = lines.next()) != null) {
                last = line;
                if (line.oversized()) {
                    batch.add(new ItemIngester.Submitted(line.number(), null, new Violation(
                            "line", "longer than " + config.maxItemBytes() + " bytes")));
                } else if (!line.utf8()) {
                    batch.add(new ItemIngester.Submitted(line.number(), null, new Violation(
                            "line", "not valid UTF-8")));
                } else if (!line.text().isBlank()) {
                    batch.add(SubmissionReader.fromText(line.number(), line.text()));
                }
                if (batch.size() >= batchSize) {
                    // prepared while the previous batch commits, and only then waiting for that commit
                    ItemIngester.Prepared prepared = prepare(job.projectId(), batch, jobId);
                    if (!finished(committing)) {
                        return;
                    }
                    committing = commitLater(jobId, job.projectId(), batch, prepared, linesBefore, line);
                    linesBefore = line.number();
                    batch = new ArrayList<>(batchSize);
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new IOException("interrupted");
                }
            }
            if (!finished(committing)) {
                return;
            }
            if (last != null && last.number() > linesBefore) {
                committing = commitLater(jobId, job.projectId(), batch, prepare(job.projectId(), batch, jobId),
                        linesBefore, last);
                if (!finished(committing)) {
                    return;
                }
            }
        } finally {
            // a failed read waits for the batch in flight, so the job is never marked failed before it lands
            awaitQuietly(committing);
        }
        QuarkusTransaction.requiringNew().run(() -> jobs.finish(jobId, UploadJob.State.COMPLETED, null));
        spool.delete(jobId);
    }

    /** Prepares a batch on this thread: validation, JSON, hashes, events and the inserts' parameters. */
    private ItemIngester.Prepared prepare(UUID projectId, List<ItemIngester.Submitted> batch, UUID jobId) {
        ProjectEvent project = directory.find(projectId).orElse(null);
        return project == null ? null : ingester.prepare(project, batch, jobId);
    }

    /** Commits a prepared batch on a committer. */
    private Future<Boolean> commitLater(UUID jobId, UUID projectId, List<ItemIngester.Submitted> batch,
                                        ItemIngester.Prepared prepared, long linesBefore, NdjsonLines.Line end) {
        return committers.submit(() -> commit(jobId, projectId, batch, prepared, linesBefore, end));
    }

    /** Waits for the batch being committed; false when the job stopped (the project no longer accepts items). */
    private static boolean finished(Future<Boolean> committing) throws IOException {
        try {
            return committing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void awaitQuietly(Future<Boolean> committing) {
        try {
            committing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // reported by finished(), or by the read failure that brought us here
        }
    }

    /**
     * Commits a batch, prepared again if the project changed since it was prepared: its schema, and also its
     * members and policies, which decide whether an item's annotatorsPerItem and assignees are valid.
     */
    private boolean commit(UUID jobId, UUID projectId, List<ItemIngester.Submitted> batch,
                           ItemIngester.Prepared prepared, long linesBefore, NdjsonLines.Line end) {
        ProjectEvent project = directory.find(projectId).orElse(null);
        if (project == null || !project.state().acceptsItems()) {
            fail(jobId, "the project no longer accepts items; stopped after line " + linesBefore);
            return false;
        }
        ItemIngester.Prepared current = prepared != null && prepared.project().revision() == project.revision()
                ? prepared : ingester.prepare(project, batch, jobId);
        writer.commit(jobId, current, new UploadBatchWriter.Position(linesBefore, end.number(), end.endOffset()));
        return true;
    }

    private void fail(UUID jobId, String reason) {
        QuarkusTransaction.requiringNew().run(() -> jobs.finish(jobId, UploadJob.State.FAILED, reason));
        try {
            spool.delete(jobId);
        } catch (RuntimeException e) {
            LOG.warnf(e, "spooled body of upload %s could not be deleted", jobId);
        }
    }
}
