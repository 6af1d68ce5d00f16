package io.labelstream.quality.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.project.TaskType;
import io.labelstream.platform.project.ProjectDirectory;
import io.labelstream.quality.config.QualityConfig;
import io.labelstream.quality.domain.inference.Annotation;
import io.labelstream.quality.domain.inference.DawidSkeneBatch;
import io.labelstream.quality.domain.inference.InferredLabel;
import io.labelstream.quality.repository.CrowdModelRepository;
import io.labelstream.quality.repository.CrowdModelRepository.FittedModel;
import io.labelstream.quality.repository.JournalStep;
import io.labelstream.quality.repository.StepJournal;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * Re-estimates a DAWID_SKENE project's crowd model by batch EM over all of its labels, at geometric checkpoints:
 * first at {@code refit-first-labels} labels, then each time the labels have grown by {@code refit-growth}.
 * <p>
 * Between checkpoints each annotation updates only its item and its annotators (an incremental EM step), which
 * on its own settles on a worse fixed point than batch EM and cannot shrink an annotator with few answers
 * towards the crowd, since the crowd is project-wide state. A fit
 * <ol>
 *     <li>fits {@link DawidSkeneBatch} to the counted labels of the assessed regular items;</li>
 *     <li>makes each of those items' labels credit its annotator with the item's fitted posterior, and rebuilds
 *     the confusion counts from the credits, so they are again the sum of what the labels credit;</li>
 *     <li>keeps the fitted class prior, crowd rows and strengths, with which every later item is scored;</li>
 *     <li>decides again, by their fitted posterior, the items the fitted model labels differently from their
 *     consensus, all of them together in memory ({@link BatchReassessment}).</li>
 * </ol>
 * It runs as one journalled step holding the project exclusively, so it sits between the project's other steps
 * in the journal and a rebuild repeats it at the same point. Its cost is linear in the project's labels, and the
 * checkpoints being geometric, constant per label amortised; live annotations of the project wait while it runs.
 * <p>
 * The last checkpoint usually falls well before a project's last label, which would leave the published consensus
 * a little below batch EM's at the end of a stream. So when a project's labelling completes (its ProjectUpdated
 * moves it to COMPLETED, see {@link CompletedProjectRefit}), and again when its labels go quiet
 * ({@code refit-when-quiet-for} without a new one), it is fitted once more over all of them if any came since the
 * last fit: the consensus then ends equal to batch EM's, at the cost of one fit while the project is idle. The
 * completion gives the manager who completes a project batch EM's consensus at once; the quiet time still covers
 * the labels that were in flight when it completed, which come after that fit.
 */
@ApplicationScoped
public class CrowdModelRefit {

    private static final Logger LOG = Logger.getLogger(CrowdModelRefit.class);

    private final BatchReassessment reassessment;
    private final StepPublisher publisher;
    private final QuarantineFollowUp followUp;
    private final ProjectLock projectLock;
    private final ProjectDirectory directory;
    private final CrowdModelRepository models;
    private final StepJournal journal;
    private final RefitSchedule schedule;
    private final QualityConfig config;

    public CrowdModelRefit(BatchReassessment reassessment, StepPublisher publisher, QuarantineFollowUp followUp,
                           ProjectLock projectLock, ProjectDirectory directory,
                           CrowdModelRepository models, StepJournal journal, RefitSchedule schedule,
                           QualityConfig config) {
        this.reassessment = reassessment;
        this.publisher = publisher;
        this.followUp = followUp;
        this.projectLock = projectLock;
        this.directory = directory;
        this.models = models;
        this.journal = journal;
        this.schedule = schedule;
        this.config = config;
    }

    /**
     * After a live label of the project committed: fits the crowd model if it is due, in a transaction of its
     * own, and publishes what changed. A fit that fails is logged and tried again a few hundred labels later;
     * the label itself is in.
     */
    public void afterLiveLabel(UUID projectId) {
        afterLiveLabels(projectId, 1);
    }

    /** After a batch's labels of the project committed: as {@link #afterLiveLabel}, one look for all of them. */
    public void afterLiveLabels(UUID projectId, int labels) {
        if (schedule.labelsApplied(projectId, labels)) {
            fitInOwnTransaction(projectId, this::refitIfDue);
        }
    }

    /**
     * After the project's labels went quiet, or its labelling completed: fits the model over all of them if any
     * came since the last fit. A fit that fails is logged, never thrown: what triggered it stays applied.
     */
    public void afterQuiet(UUID projectId) {
        fitInOwnTransaction(projectId, this::refitIfBehind);
    }

    private void fitInOwnTransaction(UUID projectId, Function<UUID, StepEffects> fit) {
        try {
            StepEffects effects = QuarkusTransaction.requiringNew()
                    .timeout((int) config.replay().timeout().toSeconds())
                    .call(() -> {
                        StepEffects fitted = fit.apply(projectId);
                        publisher.publish(fitted);
                        return fitted;
                    });
            followUp.afterCommit(effects);
        } catch (RuntimeException e) {
            // not at the very next label: a fit that fails for want of memory would fail on every label
            schedule.askAgainAfter(projectId, config.inference().refitFirstLabels());
            LOG.warnf(e, "fitting the crowd model of project %s failed; tried again after %d more labels", projectId,
                    config.inference().refitFirstLabels());
        }
    }

    /**
     * Fits the model as a new journalled step if the project uses Dawid–Skene and has grown enough since the
     * last fit; the caller publishes the effects. Also the end of a rebuild, which leaves the model as fresh as
     * the live one would be.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public StepEffects refitIfDue(UUID projectId) {
        Optional<TaskType> type = dawidSkeneTaskType(projectId);
        if (type.isEmpty()) {
            // asked again later: the project may switch to Dawid–Skene
            schedule.askAgainAfter(projectId, config.inference().refitFirstLabels());
            return StepEffects.none();
        }
        if (labelsMissing(projectId) > 0) {
            return StepEffects.none();
        }
        projectLock.exclusive(projectId);
        if (labelsMissing(projectId) > 0) {
            return StepEffects.none();
        }
        return fitAndJournal(projectId, type.get());
    }

    /**
     * Fits the model as a new journalled step if the project uses Dawid–Skene, has had its first fit's worth of
     * labels and got labels since its last fit; the caller publishes the effects.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public StepEffects refitIfBehind(UUID projectId) {
        Optional<TaskType> type = dawidSkeneTaskType(projectId);
        if (type.isEmpty() || !behind(projectId)) {
            return StepEffects.none();
        }
        projectLock.exclusive(projectId);
        // another replica may have fitted it meanwhile
        return behind(projectId) ? fitAndJournal(projectId, type.get()) : StepEffects.none();
    }

    private boolean behind(UUID projectId) {
        long labels = models.countLabels(projectId);
        return labels >= config.inference().refitFirstLabels()
                && models.find(projectId).map(model -> model.fittedLabels() < labels).orElse(true);
    }

    private StepEffects fitAndJournal(UUID projectId, TaskType type) {
        StepInputs inputs = StepInputs.live();
        StepEffects effects = refit(projectId, type, inputs);
        if (effects.changedState()) {
            journal.record(projectId, JournalStep.refit(inputs.projectMedianSeconds()));
        }
        models.find(projectId).ifPresent(model ->
                schedule.askAgainAfter(projectId, dueAt(Optional.of(model)) - model.fittedLabels()));
        return effects;
    }

    /** A journalled REFIT step applied again by a rebuild; nothing if the project no longer uses Dawid–Skene. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyJournalled(UUID projectId, StepInputs inputs) {
        dawidSkeneTaskType(projectId).ifPresent(type -> refit(projectId, type, inputs));
    }

    /**
     * Labels still to come before the next fit is due (none or fewer once it is); this replica asks again after
     * that many more, or, once due, after the growth that will make the fit after it due.
     */
    private long labelsMissing(UUID projectId) {
        long labels = models.countLabels(projectId);
        long missing = dueAt(models.find(projectId)) - labels;
        schedule.askAgainAfter(projectId, missing > 0 ? missing : nextGap(labels));
        return missing;
    }

    /** The project's label count at which its next fit is due. */
    private long dueAt(Optional<FittedModel> model) {
        return model.map(fitted -> Math.max(fitted.fittedLabels() + 1,
                        (long) Math.ceil(fitted.fittedLabels() * config.inference().refitGrowth())))
                .orElse((long) config.inference().refitFirstLabels());
    }

    private long nextGap(long labels) {
        return Math.max(1, (long) Math.ceil(labels * (config.inference().refitGrowth() - 1)));
    }

    private StepEffects refit(UUID projectId, TaskType type, StepInputs inputs) {
        long started = System.nanoTime();
        FitInput input = read(projectId, type);
        if (input.answers.isEmpty()) {
            return StepEffects.none();
        }
        DawidSkeneBatch.Result fit = new DawidSkeneBatch().fit(input.answers);
        long fitted = System.nanoTime();

        Map<UUID, Map<String, Double>> posteriors = new LinkedHashMap<>();
        Map<UUID, Map<String, Double>> decidedDifferently = new TreeMap<>();
        input.items.forEach((itemId, item) -> {
            InferredLabel posterior = fit.labels().get(item.id());
            if (posterior != null) {
                posteriors.put(itemId, posterior.distribution());
                if (!posterior.label().equals(item.consensus())) {
                    decidedDifferently.put(itemId, posterior.distribution());
                }
            }
        });
        models.creditItems(posteriors);
        models.rebuildConfusion(projectId);
        models.save(projectId, new FittedModel(models.countLabels(projectId), fit.crowd()));
        long credited = System.nanoTime();

        StepEffects effects = reassessment.byFittedPosteriors(projectId, decidedDifferently, inputs);
        long done = System.nanoTime();
        LOG.infof("project %s: crowd model fitted over %d answers in %d EM iterations, %d items assessed again, %d ms"
                        + " (read and fit %d, credits %d, re-assessments %d)",
                projectId, input.answers.size(), fit.iterations(), decidedDifferently.size(), millis(done - started),
                millis(fitted - started), millis(credited - fitted), millis(done - credited));
        return effects;
    }

    /**
     * The counted answers on assessed regular items, and each such item's consensus category. Item and annotator
     * ids are shared between an item's answers, so a large project costs little more than its answers.
     */
    private FitInput read(UUID projectId, TaskType type) {
        FitInput input = new FitInput();
        Map<String, String> interned = new HashMap<>();
        models.forEachFitAnswer(projectId, answer -> {
            FittedItem item = input.items.computeIfAbsent(answer.itemId(), id -> new FittedItem(id.toString(),
                    LabelShapes.category(type, json(answer.consensus()))));
            if (answer.counted()) {
                input.answers.add(new Annotation(item.id(), interned.computeIfAbsent(answer.annotatorId(), a -> a),
                        interned.computeIfAbsent(answer.category(), c -> c)));
            }
        });
        return input;
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    private static JsonNode json(String text) {
        try {
            return EventCodec.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored consensus label is not JSON: " + text, e);
        }
    }

    private static final class FitInput {
        private final List<Annotation> answers = new ArrayList<>();
        private final Map<UUID, FittedItem> items = new LinkedHashMap<>();
    }

    private record FittedItem(String id, String consensus) {
    }

    private Optional<TaskType> dawidSkeneTaskType(UUID projectId) {
        return directory.find(projectId)
                .filter(project -> project.schema() != null && project.policies() != null)
                .filter(project -> ItemConsensus.DAWID_SKENE.equals(
                        ItemConsensus.methodOf(project.schema().taskType(), project.policies())))
                .map(project -> project.schema().taskType());
    }
}
