package io.labelstream.quality.service;

import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.AnnotatorStatus;
import io.labelstream.contracts.events.ItemAssessed;
import io.labelstream.platform.outbox.Outbox;
import io.labelstream.quality.config.QualityConfig;
import io.labelstream.quality.repository.AnnotatorRow;
import io.labelstream.quality.repository.CrowdModelRepository;
import io.labelstream.quality.repository.ItemRow;
import io.labelstream.quality.repository.JournalStep;
import io.labelstream.quality.repository.LabelRow;
import io.labelstream.quality.repository.QualityAnnotatorRepository;
import io.labelstream.quality.repository.QualityItemRepository;
import io.labelstream.quality.repository.QualityLabelRepository;
import io.labelstream.quality.repository.RebuildMemory;
import io.labelstream.quality.repository.ReplayRepository;
import io.labelstream.quality.repository.StepJournal;
import io.labelstream.quality.repository.StepKind;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Rebuilds a project's quality state from the annotation log, in one transaction holding the project exclusively
 * (live events of the project wait and apply on top):
 * <ol>
 *     <li>it clears the project's labels, annotator state and assessments, and takes back the gold flags,
 *     reference answers and own k that journalled steps gave items;</li>
 *     <li>it reads the project's annotations from the log into memory (the log stays the source of the
 *     labels);</li>
 *     <li>it applies the journalled steps in journal order, each as it ran live, with what it read live: the
 *     state after a step depends on the order of the steps, and the journal holds the order in which they
 *     changed the state live, however many consumers and replicas applied them;</li>
 *     <li>annotations on the log the journal does not hold (not applied live yet) come last, in log order, as new
 *     journalled steps with their follow-ups;</li>
 *     <li>items still counting labels of an annotator quarantined since are assessed again (their follow-up was
 *     lost in a crash, or is still to come live);</li>
 *     <li>a Dawid–Skene project whose crowd model is due for a fit gets one, as a new step.</li>
 * </ol>
 * Afterwards it publishes the items whose decision or consensus changed, and every annotator's standing.
 */
@ApplicationScoped
public class QualityReplay {

    public static final String RUNNING = "RUNNING";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";

    private static final Logger LOG = Logger.getLogger(QualityReplay.class);
    /** Journal steps read per round trip. */
    private static final int BATCH = 1000;

    private final QualitySteps steps;
    private final AnnotationIntake intake;
    private final QuarantineFollowUp followUp;
    private final ProjectTerms projects;
    private final ItemCatalog catalog;
    private final ProjectLock projectLock;
    private final QualityItemRepository items;
    private final QualityLabelRepository labels;
    private final QualityAnnotatorRepository annotators;
    private final StepJournal journal;
    private final CrowdModelRepository models;
    private final CrowdModelRefit refits;
    private final RebuildMemory memory;
    private final AnnotationLog log;
    private final ReplayRepository replays;
    private final Outbox outbox;
    private final QualityConfig config;
    // one rebuild at a time per replica: each holds a long transaction and a database connection
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "quality-replay"));

    public QualityReplay(QualitySteps steps, AnnotationIntake intake, QuarantineFollowUp followUp,
                         ProjectTerms projects, ItemCatalog catalog, ProjectLock projectLock,
                         QualityItemRepository items, QualityLabelRepository labels,
                         QualityAnnotatorRepository annotators, StepJournal journal, CrowdModelRepository models,
                         CrowdModelRefit refits, RebuildMemory memory, AnnotationLog log,
                         ReplayRepository replays, Outbox outbox, QualityConfig config) {
        this.steps = steps;
        this.intake = intake;
        this.followUp = followUp;
        this.projects = projects;
        this.catalog = catalog;
        this.projectLock = projectLock;
        this.items = items;
        this.labels = labels;
        this.annotators = annotators;
        this.journal = journal;
        this.models = models;
        this.refits = refits;
        this.memory = memory;
        this.log = log;
        this.replays = replays;
        this.outbox = outbox;
        this.config = config;
    }

    /** Records the request and starts the rebuild in the background. */
    public ReplayRepository.ReplayRow request(UUID projectId, String requestedBy) {
        ReplayRepository.ReplayRow row = new ReplayRepository.ReplayRow(UUID.randomUUID(), projectId, requestedBy,
                RUNNING, Instant.now(), null, 0, 0, null);
        QuarkusTransaction.requiringNew().run(() -> replays.insert(row));
        worker.submit(() -> run(row));
        return row;
    }

    public Optional<ReplayRepository.ReplayRow> find(UUID projectId, UUID replayId) {
        return QuarkusTransaction.requiringNew().call(() -> replays.find(projectId, replayId));
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    private void run(ReplayRepository.ReplayRow row) {
        try {
            long[] counts = QuarkusTransaction.requiringNew()
                    .timeout((int) config.replay().timeout().toSeconds())
                    .call(() -> rebuild(row.projectId()));
            QuarkusTransaction.requiringNew().run(() -> replays.finish(row.replayId(), COMPLETED, counts[0], counts[1], null));
        } catch (RuntimeException e) {
            LOG.errorf(e, "rebuild %s of project %s failed", row.replayId(), row.projectId());
            QuarkusTransaction.requiringNew().run(() -> replays.finish(row.replayId(), FAILED, 0, 0,
                    String.valueOf(e.getMessage())));
        }
    }

    /** Returns {records read, annotations applied}. */
    private long[] rebuild(UUID projectId) {
        PhaseClock clock = new PhaseClock();
        projectLock.exclusive(projectId);
        models.delete(projectId);
        LoggedAnnotations logged = new LoggedAnnotations();
        long read = clock.time("reading the log", () -> log.read(projectId, logged::add));
        long applied = replayJournal(projectId, logged, clock);
        applied += clock.time("unjournalled", () -> applyUnjournalled(logged));
        clock.time("the rest", () -> {
            reassessLeftBehind(projectId);
            // e.g. after a switch to DAWID_SKENE, whose crowd model live steps never fitted
            followUp.inline(refits.refitIfDue(projectId));
            publishChanges(projectId);
        });
        // where a rebuild's time goes, for whoever wonders why one is slow
        LOG.infof("rebuild of project %s: %d records read, %d annotations applied; %s", projectId, read, applied,
                clock.summary());
        return new long[]{read, applied};
    }

    /**
     * Clears the project's state and applies the journalled steps in journal order, each as it ran live: not
     * journalled again, and without follow-ups, which the journal holds as steps of their own. The clearing and
     * the steps, REFIT steps included, work on the project's state held in memory, written back in bulk at the
     * end as far as it differs from the tables. Returns the annotations applied.
     */
    private long replayJournal(UUID projectId, LoggedAnnotations logged, PhaseClock clock) {
        clock.time("loading", () -> memory.open(projectId));
        try {
            memory.clearForRebuild(journal.catalogItems(projectId));
            long applied = replayJournalInMemory(projectId, logged, clock);
            clock.time("write-back", memory::close);
            return applied;
        } finally {
            memory.discard();
        }
    }

    private long replayJournalInMemory(UUID projectId, LoggedAnnotations logged, PhaseClock clock) {
        long applied = 0;
        long missing = 0;
        long last = 0;
        for (List<JournalStep> page = journalPage(projectId, last, clock); !page.isEmpty();
             page = journalPage(projectId, last, clock)) {
            for (JournalStep step : page) {
                long stepStarted = System.nanoTime();
                StepInputs inputs = StepInputs.recorded(step.projectMedianSeconds(), step.submittedAt());
                switch (step.kind()) {
                    case ANNOTATION -> {
                        AnnotationSubmitted annotation = logged.journalled(step.annotationId(), step.revision());
                        if (annotation == null) {
                            missing++;
                        } else if (projects.fitsProject(annotation)) {
                            steps.apply(annotation, inputs);
                            applied++;
                        }
                    }
                    case REASSESS -> steps.reassess(step.itemId(), projectId, inputs);
                    case REFERENCE -> steps.referenceArrived(step.itemId(), projectId, step.referenceAnswer(), inputs);
                    case ITEM -> catalog.apply(step.itemId(), projectId, Boolean.TRUE.equals(step.gold()),
                            step.annotatorsPerItem(), inputs);
                    case REFIT -> refits.applyJournalled(projectId, inputs);
                }
                clock.add(step.kind() == StepKind.REFIT ? "fits" : "steps", System.nanoTime() - stepStarted);
                last = step.seq();
            }
        }
        if (missing > 0) {
            LOG.warnf("rebuild of project %s: %d journalled annotations are no longer on the log", projectId, missing);
        }
        return applied;
    }

    private List<JournalStep> journalPage(UUID projectId, long afterSeq, PhaseClock clock) {
        return clock.time("journal reads", () -> journal.after(projectId, afterSeq, BATCH));
    }

    /**
     * Applies the annotations read from the log that no journal step applied, in log order, as new steps:
     * journalled, with their follow-ups inline. Returns the annotations applied.
     */
    private long applyUnjournalled(LoggedAnnotations logged) {
        long applied = 0;
        for (AnnotationSubmitted annotation : logged.unjournalled()) {
            if (projects.fitsProject(annotation)) {
                followUp.inline(intake.applyAndJournal(annotation));
                applied++;
            }
        }
        return applied;
    }

    /**
     * Items still counting labels of an annotator quarantined since are assessed again as new steps. With every
     * follow-up journalled there are none; there are when a follow-up was lost in a crash, or is still running
     * live (it then assesses the item once more, which changes nothing).
     */
    private void reassessLeftBehind(UUID projectId) {
        for (UUID itemId : items.countingQuarantinedLabels(projectId)) {
            followUp.inline(intake.reassessAndJournal(itemId, projectId));
        }
    }

    private void publishChanges(UUID projectId) {
        for (UUID itemId : items.changedSincePublished(projectId)) {
            ItemRow item = items.find(projectId, itemId).orElseThrow();
            List<UUID> counted = labels.ofItem(itemId).stream()
                    .filter(l -> l.annotatorStatus() != AnnotatorStatus.QUARANTINED)
                    .map(LabelRow::annotationId)
                    .toList();
            outbox.publish(Topics.ITEM_QUALITY, new ItemAssessed(itemId, projectId, item.decision(), item.consensusLabel(),
                    item.confidence() == null ? 0.0 : item.confidence(), item.agreement(), item.method(),
                    item.labelCount(), counted, projects.schemaVersion(projectId), item.assessedAt()));
            items.markPublished(itemId);
        }
        for (AnnotatorRow row : annotators.ofProject(projectId)) {
            outbox.publish(Topics.ANNOTATOR_QUALITY, AnnotatorSettlement.toEvent(row));
        }
    }
}
