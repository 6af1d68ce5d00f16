package io.labelstream.quality.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.AnnotatorAssessed;
import io.labelstream.contracts.events.AnnotatorStatus;
import io.labelstream.contracts.events.ItemAssessed;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.events.ReferenceAnswerSet;
import io.labelstream.contracts.project.ProjectPolicies;
import io.labelstream.contracts.project.TaskType;
import io.labelstream.platform.inbox.Inbox;
import io.labelstream.platform.outbox.Outbox;
import io.labelstream.platform.project.ProjectDirectory;
import io.labelstream.quality.config.QualityConfig;
import io.labelstream.quality.domain.inference.CrowdPrior;
import io.labelstream.quality.domain.policy.ItemOverlap;
import io.labelstream.quality.repository.AnnotatorRow;
import io.labelstream.quality.repository.CrowdModelRepository;
import io.labelstream.quality.repository.ItemAssessment;
import io.labelstream.quality.repository.ItemRow;
import io.labelstream.quality.repository.JournalStep;
import io.labelstream.quality.repository.LabelRow;
import io.labelstream.quality.repository.QualityAnnotatorRepository;
import io.labelstream.quality.repository.QualityItemRepository;
import io.labelstream.quality.repository.QualityLabelRepository;
import io.labelstream.quality.repository.StepJournal;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Applies annotations and reference answers to the quality state of their item and annotators. One call
 * reads and writes only the item's labels, their annotators' rows and those annotators' confusion counts,
 * so its cost does not depend on the size of the project.
 * <p>
 * Each live step is journalled ({@link StepJournal}) in its own transaction once it holds its locks, with the
 * inputs it read outside them ({@link StepInputs}); a rebuild applies the journalled steps again in that order
 * through the same methods, without journalling them a second time and without their follow-ups, which are
 * journalled steps of their own.
 */
@ApplicationScoped
public class AnnotationProcessor {

    static final String ANNOTATIONS_CONSUMER = "quality-service.annotations";
    static final String REFERENCE_CONSUMER = "quality-service.reference-answers";

    private final Inbox inbox;
    private final Outbox outbox;
    private final ProjectLock projectLock;
    private final ProjectDirectory directory;
    private final QualityItemRepository items;
    private final QualityLabelRepository labels;
    private final QualityAnnotatorRepository annotators;
    private final StepJournal journal;
    private final CrowdModelRepository models;
    private final ItemConsensus consensus;
    private final AnnotatorStanding standing;
    private final ProjectSpeed speed;
    private final QualityConfig config;

    public AnnotationProcessor(Inbox inbox, Outbox outbox, ProjectLock projectLock, ProjectDirectory directory,
                               QualityItemRepository items, QualityLabelRepository labels,
                               QualityAnnotatorRepository annotators, StepJournal journal, CrowdModelRepository models,
                               ItemConsensus consensus, AnnotatorStanding standing, ProjectSpeed speed,
                               QualityConfig config) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.projectLock = projectLock;
        this.directory = directory;
        this.items = items;
        this.labels = labels;
        this.annotators = annotators;
        this.journal = journal;
        this.models = models;
        this.consensus = consensus;
        this.standing = standing;
        this.speed = speed;
        this.config = config;
    }

    /**
     * A live AnnotationSubmitted or AnnotationRevised. The caller passes the result to {@link #followUp} once
     * this transaction has committed.
     */
    @Transactional
    public Effects submitted(UUID eventId, AnnotationSubmitted annotation) {
        if (!inbox.firstDelivery(ANNOTATIONS_CONSUMER, eventId)) {
            return Effects.none();
        }
        validate(annotation);
        projectLock.shared(annotation.projectId());
        Effects effects = applyAndJournal(annotation);
        publish(effects);
        return effects;
    }

    /**
     * Applies an annotation as a new step and journals it if it changed anything (a revision no newer than the
     * stored one changes nothing). The live path, and a rebuild's for annotations the journal does not hold yet.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Effects applyAndJournal(AnnotationSubmitted annotation) {
        StepInputs inputs = StepInputs.live();
        Effects effects = apply(annotation, inputs);
        if (effects.changedState()) {
            // last: the step holds every lock it takes, so a conflicting step that commits later gets a later seq
            journal.record(annotation.projectId(), JournalStep.annotation(annotation.itemId(),
                    annotation.annotationId(), annotation.revision(), inputs.givenSubmissionTime(),
                    inputs.projectMedianSeconds()));
        }
        return effects;
    }

    /** A gold item's known answer: the item needs no consensus, its labels score their annotators. */
    @Transactional
    public Effects referenceAnswerSet(UUID eventId, ReferenceAnswerSet reference) {
        if (!inbox.firstDelivery(REFERENCE_CONSUMER, eventId)) {
            return Effects.none();
        }
        EventChecks.require(reference.itemId(), "itemId");
        EventChecks.require(reference.projectId(), "projectId");
        EventChecks.require(reference.answer(), "answer");
        projectLock.shared(reference.projectId());
        StepInputs inputs = StepInputs.live();
        Effects effects = referenceArrived(reference.itemId(), reference.projectId(), reference.answer(), inputs);
        journal.record(reference.projectId(), JournalStep.reference(reference.itemId(), reference.answer(),
                inputs.projectMedianSeconds()));
        publish(effects);
        return effects;
    }

    /**
     * Makes the item gold with its answer and scores the labels it already has, without inbox or publishing. Used
     * by the live path and by a rebuild, so both reach the same state.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Effects referenceArrived(UUID itemId, UUID projectId, JsonNode answer, StepInputs inputs) {
        items.lock(itemId, projectId);
        items.markGold(itemId, answer);
        return reassess(itemId, projectId, inputs);
    }

    /**
     * Applies an annotation without inbox, journal or publishing; the caller publishes the effects. Used by the
     * live path and by the rebuild from the log, so both reach the same state.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Effects apply(AnnotationSubmitted annotation, StepInputs inputs) {
        Project project = project(annotation.projectId(), annotation.label());
        checkShape(project.taskType(), annotation.label());
        ItemRow item = items.lock(annotation.itemId(), annotation.projectId());
        Optional<LabelRow> previous = labels.find(annotation.annotationId());
        if (previous.isPresent() && previous.get().revision() >= annotation.revision()) {
            return Effects.none();
        }
        String category = LabelShapes.category(project.taskType(), annotation.label());
        boolean tooFast = annotation.serverDurationMs() < config.flags().tooFast().toMillis();
        Instant at = inputs.submittedAt(annotation.submittedAt());
        labels.store(annotation, category, tooFast, at);

        List<LabelRow> itemLabels = labels.ofItem(item.itemId());
        Map<String, AnnotatorRow> rows = annotators.lock(project.id(),
                itemLabels.stream().map(LabelRow::annotatorId).toList(), standing.initialStatus(project.policies()));
        Map<String, AnnotatorRow> before = new HashMap<>(rows);

        AnnotatorRow submitter = rows.get(annotation.annotatorId());
        if (previous.isEmpty()) {
            submitter = AnnotatorAggregates.addLabel(submitter, annotation.serverDurationMs(), tooFast);
        } else if (previous.get().category() != null) {
            annotators.countCategory(project.id(), annotation.annotatorId(), previous.get().category(), -1);
        }
        if (category != null) {
            annotators.countCategory(project.id(), annotation.annotatorId(), category, 1);
        }
        rows.put(annotation.annotatorId(), submitter);

        String previousCategory = previous.map(LabelRow::category).orElse(null);
        Effects effects = Effects.stateChanged();
        assessItem(project, item, itemLabels, rows, annotation.annotationId(), previousCategory, null, at, effects);
        settleAnnotators(project, rows, before, Set.of(annotation.annotatorId()), at, inputs, effects);
        return effects;
    }

    /** Re-assesses an item from its stored labels, e.g. once an annotator's labels stopped counting. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Effects reassess(UUID itemId, UUID projectId, StepInputs inputs) {
        return reassess(itemId, projectId, inputs, null);
    }

    /**
     * Re-assesses an item as a crowd-model fit decides it: by {@code fitted}, the fit's posterior over the item's
     * categories, instead of the live score (see {@link CrowdModelRefit}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Effects reassess(UUID itemId, UUID projectId, StepInputs inputs, Map<String, Double> fitted) {
        ItemRow item = items.lock(itemId, projectId);
        List<LabelRow> itemLabels = labels.ofItem(itemId);
        if (itemLabels.isEmpty()) {
            return Effects.none();
        }
        return reassess(project(projectId, itemLabels.get(0).label()), item, itemLabels, inputs, fitted);
    }

    /** Re-assesses an item as a new step, journalled if the item had labels to assess. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Effects reassessAndJournal(UUID itemId, UUID projectId) {
        StepInputs inputs = StepInputs.live();
        Effects effects = reassess(itemId, projectId, inputs);
        if (effects.changedState()) {
            journal.record(projectId, JournalStep.reassess(itemId, inputs.projectMedianSeconds()));
        }
        return effects;
    }

    /**
     * The item's own k arrived after some of its labels, which were judged by the k it had before (the
     * project's, when the labels overtook their item). If that changes the item's k or cap, the item is
     * decided again by its own, so an item that already holds its k labels is not left waiting for one more
     * that will never come; otherwise nothing is assessed again. The caller publishes the effects.
     *
     * @param judgedWith the item's own k its labels were judged with, null for the project's
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Effects ownOverlapArrived(UUID itemId, UUID projectId, Integer judgedWith, StepInputs inputs) {
        ItemRow item = items.lock(itemId, projectId);
        List<LabelRow> itemLabels = labels.ofItem(itemId);
        if (itemLabels.isEmpty()) {
            return Effects.none();
        }
        Project project = project(projectId, itemLabels.get(0).label());
        ProjectPolicies policies = project.policies();
        ItemOverlap before = ItemOverlap.of(judgedWith, policies.annotatorsPerItem(), policies.maxAnnotatorsPerItem());
        ItemOverlap now = ItemOverlap.of(item.annotatorsPerItem(), policies.annotatorsPerItem(),
                policies.maxAnnotatorsPerItem());
        if (before.equals(now)) {
            return Effects.none();
        }
        return reassess(project, item, itemLabels, inputs, null);
    }

    private Effects reassess(Project project, ItemRow item, List<LabelRow> itemLabels, StepInputs inputs,
                             Map<String, Double> fitted) {
        UUID projectId = project.id();
        Map<String, AnnotatorRow> rows = annotators.lock(projectId,
                itemLabels.stream().map(LabelRow::annotatorId).toList(), standing.initialStatus(project.policies()));
        Map<String, AnnotatorRow> before = new HashMap<>(rows);
        Instant at = itemLabels.stream().map(LabelRow::submittedAt).max(Instant::compareTo).orElseGet(Instant::now);
        Effects effects = Effects.stateChanged();
        assessItem(project, item, itemLabels, rows, null, null, fitted, at, effects);
        settleAnnotators(project, rows, before, Set.of(), at, inputs, effects);
        return effects;
    }

    /**
     * After a live event committed: the items of every annotator it quarantined are decided again without
     * that annotator's labels, each in its own transaction and journalled as a step of its own (item lock first,
     * like every other path, so replicas working on those items cannot deadlock with it). A crash in between
     * leaves an item to be corrected by its next label or a rebuild.
     */
    public void followUp(Effects effects) {
        List<Quarantined> pending = new ArrayList<>(effects.quarantined);
        while (!pending.isEmpty()) {
            Quarantined next = pending.remove(0);
            List<UUID> itemIds = QuarkusTransaction.requiringNew()
                    .call(() -> labels.itemsOf(next.projectId(), next.annotatorId()));
            for (UUID itemId : itemIds) {
                Effects more = QuarkusTransaction.requiringNew().call(() -> {
                    projectLock.shared(next.projectId());
                    Effects reassessed = reassessAndJournal(itemId, next.projectId());
                    publish(reassessed);
                    return reassessed;
                });
                pending.addAll(more.quarantined);
            }
        }
    }

    /**
     * The same follow-up inside the caller's transaction, journalled and not published, for a rebuild that holds
     * the project exclusively (it publishes what changed at its end).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void followUpInline(Effects effects) {
        List<Quarantined> pending = new ArrayList<>(effects.quarantined);
        while (!pending.isEmpty()) {
            Quarantined next = pending.remove(0);
            for (UUID itemId : labels.itemsOf(next.projectId(), next.annotatorId())) {
                pending.addAll(reassessAndJournal(itemId, next.projectId()).quarantined);
            }
        }
    }

    void publish(Effects effects) {
        for (ItemAssessed event : effects.items) {
            outbox.publish(Topics.ITEM_QUALITY, event);
            items.markPublished(event.itemId());
        }
        effects.annotators.forEach(event -> outbox.publish(Topics.ANNOTATOR_QUALITY, event));
    }

    private void assessItem(Project project, ItemRow item, List<LabelRow> itemLabels, Map<String, AnnotatorRow> rows,
                            UUID changedAnnotation, String changedPreviousCategory, Map<String, Double> fitted,
                            Instant at, Effects effects) {
        if (item.gold()) {
            scoreAgainstReference(project, item, itemLabels, rows);
            items.saveLabelCount(item.itemId(), itemLabels.size());
            return;
        }
        List<LabelRow> counted = itemLabels.stream()
                .filter(l -> rows.get(l.annotatorId()).status() != AnnotatorStatus.QUARANTINED)
                .toList();
        ProjectPolicies policies = project.policies();
        // the item's own k came with its row; an item whose ItemIngested has not arrived yet takes the project's
        ItemOverlap overlap = ItemOverlap.of(item.annotatorsPerItem(), policies.annotatorsPerItem(),
                policies.maxAnnotatorsPerItem());
        if (overlap.waitsForFirstLabels(counted.size()) && item.decision() == null) {
            items.saveLabelCount(item.itemId(), counted.size());
            return;
        }
        List<CountedLabel> votes = counted.stream()
                .map(l -> new CountedLabel(l.annotationId(), l.annotatorId(), l.label(), l.category()))
                .toList();
        ConsensusOutcome outcome = consensus.assess(project.taskType(), policies,
                evidence(project, counted, changedAnnotation, changedPreviousCategory, fitted));
        ItemAssessment assessment = consensus.decide(policies, overlap, outcome, votes.size());
        items.saveAssessment(item.itemId(), assessment, at);
        effects.items.add(new ItemAssessed(item.itemId(), project.id(), assessment.decision(),
                assessment.consensusLabel(), assessment.confidence() == null ? 0.0 : assessment.confidence(),
                assessment.agreement(), assessment.method(), assessment.labelCount(),
                counted.stream().map(LabelRow::annotationId).toList(), project.schemaVersion(), at));

        List<QualityAnnotatorRepository.ConfusionDelta> confusionMoves = new ArrayList<>();
        List<QualityLabelRepository.LabelScores> scores = new ArrayList<>();
        for (LabelRow label : itemLabels) {
            Double consensusScore = outcome.consensusScores().get(label.annotationId());
            Double peerScore = outcome.peerScores().get(label.annotationId());
            AnnotatorRow row = rows.get(label.annotatorId());
            row = AnnotatorAggregates.replaceConsensusScore(row, label.consensusScore(), consensusScore);
            row = AnnotatorAggregates.replacePeerScore(row, label.peerScore(), peerScore);
            rows.put(label.annotatorId(), row);
            Map<String, Double> credit = label.category() == null ? Map.of() : outcome.credit();
            moveCredit(label, creditedCategory(label, changedAnnotation, changedPreviousCategory), credit,
                    confusionMoves);
            scores.add(new QualityLabelRepository.LabelScores(label.annotationId(), label.goldScore(), consensusScore,
                    peerScore, credit));
        }
        annotators.countConfusion(project.id(), confusionMoves);
        labels.saveScores(scores);
    }

    /**
     * The category under which a label's earlier credit sits in its annotator's confusion counts: the one it
     * had when it was credited, which for a just-revised annotation is its previous one.
     */
    private static String creditedCategory(LabelRow label, UUID changedAnnotation, String changedPreviousCategory) {
        return label.annotationId().equals(changedAnnotation) ? changedPreviousCategory : label.category();
    }

    /**
     * Moves a label's credit in its annotator's confusion counts from what it credited before (under the
     * category it had then) to what it credits now (under its current category), as one net change per cell.
     */
    private static void moveCredit(LabelRow label, String oldGiven, Map<String, Double> credit,
                                   List<QualityAnnotatorRepository.ConfusionDelta> moves) {
        Map<ConfusionCell, Double> net = new LinkedHashMap<>();
        if (oldGiven != null) {
            new TreeMap<>(label.credited()).forEach((truth, mass) ->
                    net.merge(new ConfusionCell(truth, oldGiven), -mass, Double::sum));
        }
        if (label.category() != null) {
            new TreeMap<>(credit).forEach((truth, mass) ->
                    net.merge(new ConfusionCell(truth, label.category()), mass, Double::sum));
        }
        net.forEach((cell, delta) -> {
            if (delta != 0) {
                moves.add(new QualityAnnotatorRepository.ConfusionDelta(label.annotatorId(), cell.truth(), cell.given(),
                        delta));
            }
        });
    }

    private record ConfusionCell(String truth, String given) {
    }

    /**
     * The item's annotators' confusion counts minus what this item itself credited, so an item's own
     * labels are not counted twice as evidence of their annotators' reliability; and for Dawid–Skene the
     * project's crowd model, one row read by key that changes only in a REFIT step, which holds the project
     * exclusively.
     */
    private ItemEvidence evidence(Project project, List<LabelRow> counted, UUID changedAnnotation,
                                  String changedPreviousCategory, Map<String, Double> fitted) {
        UUID projectId = project.id();
        CrowdPrior crowd = ItemConsensus.DAWID_SKENE.equals(ItemConsensus.methodOf(project.taskType(), project.policies()))
                ? models.find(projectId).map(CrowdModelRepository.FittedModel::crowd).orElse(null)
                : null;
        Map<String, Map<String, Map<String, Double>>> confusion = annotators.confusionOf(projectId,
                counted.stream().map(LabelRow::annotatorId).distinct().toList());
        for (LabelRow label : counted) {
            String given = creditedCategory(label, changedAnnotation, changedPreviousCategory);
            Map<String, Map<String, Double>> rows = confusion.get(label.annotatorId());
            if (given == null || rows == null) {
                continue;
            }
            label.credited().forEach((truth, mass) -> {
                Map<String, Double> row = rows.get(truth);
                if (row != null) {
                    row.computeIfPresent(given, (cell, n) -> n - mass);
                }
            });
        }
        List<CountedLabel> votes = counted.stream()
                .map(l -> new CountedLabel(l.annotationId(), l.annotatorId(), l.label(), l.category()))
                .toList();
        return new ItemEvidence(votes, confusion, crowd, fitted);
    }

    private void scoreAgainstReference(Project project, ItemRow item, List<LabelRow> itemLabels,
                                       Map<String, AnnotatorRow> rows) {
        JsonNode reference = item.referenceAnswer();
        if (reference == null) {
            return;
        }
        List<QualityLabelRepository.LabelScores> scores = new ArrayList<>();
        for (LabelRow label : itemLabels) {
            double score = consensus.goldScore(project.taskType(), label.label(), reference);
            AnnotatorRow row = AnnotatorAggregates.replaceGoldScore(rows.get(label.annotatorId()), label.goldScore(), score);
            rows.put(label.annotatorId(), row);
            scores.add(new QualityLabelRepository.LabelScores(label.annotationId(), score, label.consensusScore(),
                    label.peerScore(), label.credited()));
        }
        labels.saveScores(scores);
    }

    /** Re-evaluates status and flags of the locked annotators, stores them and queues what must be told. */
    private void settleAnnotators(Project project, Map<String, AnnotatorRow> rows, Map<String, AnnotatorRow> before,
                                  Set<String> alwaysPublish, Instant at, StepInputs inputs, Effects effects) {
        Map<String, Integer> topCategories = annotators.mostFrequentCategoryCounts(project.id(), rows.keySet());
        // read outside the step's locks (the whole project's latest labels), hence kept in the journal
        double projectMedianSeconds = inputs.projectMedianSeconds(() -> speed.medianSeconds(project.id()));
        List<AnnotatorRow> changedRows = new ArrayList<>();
        for (AnnotatorRow row : rows.values()) {
            int topCategory = topCategories.getOrDefault(row.annotatorId(), 0);
            AnnotatorRow settled = standing.evaluate(project.policies(), row, topCategory, projectMedianSeconds, at);
            AnnotatorRow old = before.get(row.annotatorId());
            boolean changed = settled.status() != old.status() || !settled.flags().equals(old.flags());
            if (!settled.equals(old)) {
                changedRows.add(settled);
            }
            if (changed || alwaysPublish.contains(row.annotatorId())) {
                effects.annotators.add(toEvent(settled));
            }
            if (settled.status() == AnnotatorStatus.QUARANTINED && old.status() != AnnotatorStatus.QUARANTINED) {
                effects.quarantined.add(new Quarantined(project.id(), row.annotatorId()));
            }
        }
        annotators.saveAll(changedRows);
    }

    static AnnotatorAssessed toEvent(AnnotatorRow row) {
        return new AnnotatorAssessed(row.annotatorId(), row.projectId(), row.status(), row.goldAccuracy(),
                row.goldAnswered(), row.consensusAgreement(), row.labelCount(),
                DurationHistogram.of(row.durationHistogram()).medianSeconds(), row.flags(), row.assessedAt());
    }

    private Project project(UUID projectId, JsonNode sampleLabel) {
        Optional<ProjectEvent> known = directory.find(projectId);
        if (known.isPresent() && known.get().schema() != null && known.get().policies() != null) {
            ProjectEvent event = known.get();
            return new Project(projectId, event.schema().taskType(), event.policies(), event.schemaVersion());
        }
        // annotations may overtake their project on another topic: judge by the label's shape and the
        // platform's default policies until the project arrives
        return new Project(projectId, LabelShapes.taskTypeOf(sampleLabel), ProjectPolicies.defaults(), 0);
    }

    /**
     * Whether the annotation's label fits its project's task type; one that does not is a poison record. Asked
     * outside any transactional method, so a rebuild skipping it does not mark its transaction for rollback.
     */
    public boolean fitsProject(AnnotationSubmitted annotation) {
        try {
            checkShape(project(annotation.projectId(), annotation.label()).taskType(), annotation.label());
            return true;
        } catch (io.labelstream.contracts.MalformedEventException poison) {
            return false;
        }
    }

    /** A label the task type's measures cannot read is a poison record; found before anything is written. */
    private void checkShape(TaskType type, JsonNode label) {
        try {
            consensus.goldScore(type, label, label);
        } catch (RuntimeException e) {
            throw new io.labelstream.contracts.MalformedEventException(
                    "label does not fit task type " + type + ": " + e.getMessage(), e);
        }
    }

    static void validate(AnnotationSubmitted annotation) {
        EventChecks.require(annotation.annotationId(), "annotationId");
        EventChecks.require(annotation.itemId(), "itemId");
        EventChecks.require(annotation.projectId(), "projectId");
        EventChecks.require(annotation.annotatorId(), "annotatorId");
        EventChecks.require(annotation.label(), "label");
        if (!annotation.label().isObject()) {
            throw new io.labelstream.contracts.MalformedEventException("label is not a JSON object");
        }
    }

    /** The schema version of the project as this service knows it. */
    public int schemaVersion(UUID projectId) {
        return directory.find(projectId).map(ProjectEvent::schemaVersion).orElse(0);
    }

    record Project(UUID id, TaskType taskType, ProjectPolicies policies, int schemaVersion) {
    }

    record Quarantined(UUID projectId, String annotatorId) {
    }

    /** What applying an event changed and must be published. */
    public static final class Effects {

        private final boolean changedState;
        private final List<ItemAssessed> items = new ArrayList<>();
        private final List<AnnotatorAssessed> annotators = new ArrayList<>();
        private final Set<Quarantined> quarantined = new LinkedHashSet<>();

        private Effects(boolean changedState) {
            this.changedState = changedState;
        }

        /** The event changed nothing: a duplicate, a stale revision, an item without labels to assess. */
        static Effects none() {
            return new Effects(false);
        }

        /** The event changed the state; what must be told is added as it is found. */
        static Effects stateChanged() {
            return new Effects(true);
        }

        /** Adds what another step of the same transaction must have told. */
        void include(Effects other) {
            items.addAll(other.items);
            annotators.addAll(other.annotators);
            quarantined.addAll(other.quarantined);
        }

        /** Whether the event changed the quality state, so that it is a step of the journal. */
        public boolean changedState() {
            return changedState;
        }

        public boolean quarantinedAnyone() {
            return !quarantined.isEmpty();
        }
    }
}
