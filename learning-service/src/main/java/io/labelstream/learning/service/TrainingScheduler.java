package io.labelstream.learning.service;

import io.labelstream.learning.config.LearningConfig;
import io.labelstream.learning.repository.LearningItemRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs trainings off the consumer threads, at most one per project at a time: a request for a project whose
 * training is running is remembered and served once when it ends, so a burst of gold costs one more training,
 * not one per label. A periodic sweep picks up projects whose training is due but was not requested in this
 * process (a restart, a failed training).
 */
@ApplicationScoped
public class TrainingScheduler {

    private static final Logger LOG = Logger.getLogger(TrainingScheduler.class);

    private enum State { RUNNING, RUNNING_AND_REQUESTED }

    private final ProjectTraining training;
    private final TrainingPlanner planner;
    private final LearningItemRepository items;
    private final LearningConfig config;
    private final ConcurrentHashMap<UUID, State> projects = new ConcurrentHashMap<>();
    private ExecutorService workers;
    private ScheduledExecutorService sweeper;

    public TrainingScheduler(ProjectTraining training, TrainingPlanner planner, LearningItemRepository items,
                             LearningConfig config) {
        this.training = training;
        this.planner = planner;
        this.items = items;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        workers = Executors.newFixedThreadPool(config.trainingThreads(), runnable -> {
            Thread thread = new Thread(runnable, "learning-training");
            thread.setDaemon(true);
            return thread;
        });
        sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "learning-sweep");
            thread.setDaemon(true);
            return thread;
        });
        long interval = config.sweepInterval().toMillis();
        sweeper.scheduleWithFixedDelay(this::sweep, interval, interval, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        sweeper.shutdownNow();
        workers.shutdownNow();
    }

    void onRequest(@Observes(during = TransactionPhase.AFTER_SUCCESS) TrainingRequested request) {
        request(request.projectId());
    }

    /** Trains the project soon, unless it is training now, in which case it trains once more afterwards. */
    public void request(UUID projectId) {
        State previous = projects.compute(projectId, (id, state) -> state == null ? State.RUNNING : State.RUNNING_AND_REQUESTED);
        if (previous == State.RUNNING) {
            workers.submit(() -> run(projectId));
        }
    }

    /** Whether a training of the project is running or queued. */
    public boolean busy(UUID projectId) {
        return projects.containsKey(projectId);
    }

    private void run(UUID projectId) {
        try {
            training.train(projectId);
        } catch (RuntimeException e) {
            LOG.errorf(e, "training of project %s failed; the sweep tries again", projectId);
        }
        while (true) {
            State after = projects.compute(projectId, (id, state) -> state == State.RUNNING_AND_REQUESTED ? State.RUNNING : null);
            if (after == null) {
                return;
            }
            if (dueAgain(projectId)) {
                workers.submit(() -> run(projectId));
                return;
            }
            // only if no request came in while the schedule was read; otherwise that request is served
            if (projects.remove(projectId, State.RUNNING)) {
                return;
            }
        }
    }

    /** Whether another training is due; a failure to tell leaves it to the sweep rather than wedging the project. */
    private boolean dueAgain(UUID projectId) {
        try {
            return planner.due(projectId);
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not tell whether project %s is due another training; the sweep looks again", projectId);
            return false;
        }
    }

    private void sweep() {
        try {
            for (UUID projectId : items.projectsWithChanges()) {
                if (!busy(projectId) && planner.due(projectId)) {
                    request(projectId);
                }
            }
            for (UUID projectId : items.projectsWithUnscoredItems()) {
                if (!busy(projectId)) {
                    training.scoreUnscored(projectId);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("sweep for due trainings failed", e);
        }
    }
}
