package io.labelstream.ingestion.spool;

import io.labelstream.ingestion.domain.UploadJob;
import io.labelstream.platform.jdbc.Jdbc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Which instance works on which upload. Every instance registers under a fresh id and renews a heartbeat; a
 * job belongs to the instance that received it. Only jobs whose owner's heartbeat is older than the lease (a
 * crashed, stopped or scaled-in instance) are taken over, so a starting instance never disturbs the uploads
 * another live instance is receiving or processing.
 */
@ApplicationScoped
public class UploadOwnership {

    private static final Logger LOG = Logger.getLogger(UploadOwnership.class);

    private static final String REGISTER = """
            insert into ingestion_instance (instance_id) values (?)
            on conflict (instance_id) do update set heartbeat_at = now()""";
    private static final String FORGET = "delete from ingestion_instance where instance_id = ?";
    private static final String FORGET_LONG_DEAD = "delete from ingestion_instance where heartbeat_at < now() - interval '1 day'";
    private static final String OWNER = "select owner_instance from upload_job where job_id = ?";
    private static final String OWN = "update upload_job set owner_instance = ? where job_id = ?";
    /*
     * One statement per takeover: concurrent sweeps of two instances lock the same rows, and the second
     * re-checks the condition against the first one's update, whose new owner is alive, so a job is taken
     * over once.
     */
    private static final String TAKE_OVER = """
            update upload_job j set owner_instance = ?, updated_at = now()
            where j.state in ('RECEIVING', 'QUEUED', 'RUNNING')
              and j.owner_instance is distinct from ?
              and not exists (select 1 from ingestion_instance i
                              where i.instance_id = j.owner_instance
                                and i.heartbeat_at > now() - make_interval(secs => ?))
            returning j.job_id, j.state""";

    private final Jdbc jdbc;
    private final Duration heartbeat;
    private final Duration lease;
    private final UUID instanceId = UUID.randomUUID();
    private ScheduledExecutorService timer;

    public UploadOwnership(Jdbc jdbc,
                           @ConfigProperty(name = "labelstream.upload-ownership.heartbeat", defaultValue = "5s")
                           Duration heartbeat,
                           @ConfigProperty(name = "labelstream.upload-ownership.lease", defaultValue = "30s")
                           Duration lease) {
        if (lease.compareTo(heartbeat.multipliedBy(3)) < 0) {
            // a lease shorter than a few heartbeats would take over from instances that are merely slow
            throw new IllegalArgumentException("labelstream.upload-ownership.lease must be at least three heartbeats");
        }
        this.jdbc = jdbc;
        this.heartbeat = heartbeat;
        this.lease = lease;
    }

    /**
     * Registers this instance, takes over the jobs of dead owners at once and then at every heartbeat, and
     * hands each taken-over job with its state to {@code adopt}.
     */
    public void start(BiConsumer<UUID, UploadJob.State> adopt) {
        renew();
        sweep(adopt);
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "upload-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                renew();
                sweep(adopt);
            } catch (RuntimeException e) {
                // the database may be briefly unreachable; the next beat tries again
                LOG.warnf(e, "upload heartbeat of instance %s failed", instanceId);
            }
        }, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the heartbeat and unregisters, so the other instances take this one's jobs over at their next beat. */
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> jdbc.update(FORGET, instanceId));
        } catch (RuntimeException e) {
            LOG.warnf(e, "instance %s could not unregister; its jobs are taken over when its lease ends", instanceId);
        }
    }

    /** Makes this instance the owner of a job it has just created. */
    public void own(UUID jobId) {
        jdbc.update(OWN, instanceId, jobId);
    }

    /** Whether this instance still owns the job; false once another instance has taken it over. */
    public boolean owns(UUID jobId) {
        return QuarkusTransaction.requiringNew().call(() -> jdbc.one(OWNER, row -> row.getObject(1, UUID.class), jobId))
                .map(instanceId::equals).orElse(false);
    }

    public UUID instanceId() {
        return instanceId;
    }

    private void renew() {
        QuarkusTransaction.requiringNew().run(() -> {
            jdbc.update(REGISTER, instanceId);
            jdbc.update(FORGET_LONG_DEAD);
        });
    }

    private void sweep(BiConsumer<UUID, UploadJob.State> adopt) {
        List<TakenOver> taken = QuarkusTransaction.requiringNew().call(() -> jdbc.list(TAKE_OVER,
                row -> new TakenOver(row.getObject("job_id", UUID.class), UploadJob.State.valueOf(row.getString("state"))),
                instanceId, instanceId, (double) lease.toSeconds()));
        for (TakenOver job : taken) {
            LOG.infof("instance %s takes over upload %s (%s) from an instance that is gone", instanceId, job.jobId(),
                    job.state());
            adopt.accept(job.jobId(), job.state());
        }
    }

    private record TakenOver(UUID jobId, UploadJob.State state) {
    }
}
