package io.labelstream.quality.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.MalformedEventException;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.project.ProjectPolicies;
import io.labelstream.quality.config.QualityConfig;
import io.labelstream.quality.domain.policy.ItemOverlap;
import io.labelstream.quality.repository.AnnotatorRow;
import io.labelstream.quality.repository.ItemRow;
import io.labelstream.quality.repository.LabelRow;
import io.labelstream.quality.repository.QualityAnnotatorRepository;
import io.labelstream.quality.repository.QualityItemRepository;
import io.labelstream.quality.repository.QualityLabelRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Applies one step to the quality state of an item and its annotators: an annotation, a reference answer, a
 * re-assessment. A step reads and writes only the item's labels, their annotators' rows and those annotators'
 * confusion counts, so its cost does not depend on the size of the project. No inbox, journal or publishing:
 * the live path ({@link AnnotationIntake}) and a rebuild from the log ({@link QualityReplay}) both apply steps
 * through here, so both reach the same state. Every step locks its item first, then its annotators.
 */
@ApplicationScoped
public class QualitySteps {

    private final QualityItemRepository items;
    private final QualityLabelRepository labels;
    private final QualityAnnotatorRepository annotators;
    private final ProjectTerms projects;
    private final ItemAssessor assessor;
    private final AnnotatorSettlement settlement;
    private final AnnotatorStanding standing;
    private final QualityConfig config;

    public QualitySteps(QualityItemRepository items, QualityLabelRepository labels,
                        QualityAnnotatorRepository annotators, ProjectTerms projects,
                        ItemAssessor assessor, AnnotatorSettlement settlement, AnnotatorStanding standing,
                        QualityConfig config) {
        this.items = items;
        this.labels = labels;
        this.annotators = annotators;
        this.projects = projects;
        this.assessor = assessor;
        this.settlement = settlement;
        this.standing = standing;
        this.config = config;
    }

    /** Applies an annotation; the caller publishes the effects. */
    @Transactional(Transactional.TxType.MANDATORY)
    public StepEffects apply(AnnotationSubmitted annotation, StepInputs inputs) {
        AssessedProject project = projects.of(annotation.projectId(), annotation.label());
        projects.checkShape(project.taskType(), annotation.label());
        ItemRow item = items.lock(annotation.itemId(), annotation.projectId());
        Optional<LabelRow> previous = labels.find(annotation.annotationId());
        if (previous.isPresent() && !previous.get().itemId().equals(annotation.itemId())) {
            // the label's earlier revisions are counted on their item: moving it would leave that item stale
            throw new MalformedEventException("annotation " + annotation.annotationId() + " is stored on item "
                    + previous.get().itemId() + " and cannot name item " + annotation.itemId());
        }
        if (previous.isPresent() && previous.get().revision() >= annotation.revision()) {
            return StepEffects.none();
        }
        String category = LabelShapes.category(project.taskType(), annotation.label());
        boolean tooFast = annotation.serverDurationMs() < config.flags().tooFast().toMillis();
        Instant at = inputs.submittedAt(annotation.submittedAt());
        labels.store(annotation, category, tooFast, at);

        List<LabelRow> itemLabels = labels.ofItem(item.itemId());
        Map<String, AnnotatorRow> rows = lockAnnotators(project, itemLabels);
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

        ConfusionCredit credit = new ConfusionCredit(annotation.annotationId(),
                previous.map(LabelRow::category).orElse(null));
        StepEffects effects = StepEffects.stateChanged();
        assessor.assess(project, item, itemLabels, rows, credit, null, at, effects);
        settlement.settle(project, rows, before, Set.of(annotation.annotatorId()), at, inputs, effects);
        return effects;
    }

    /**
     * Makes the item gold with its answer and scores the labels it already has; the caller publishes the
     * effects.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public StepEffects referenceArrived(UUID itemId, UUID projectId, JsonNode answer, StepInputs inputs) {
        items.lock(itemId, projectId);
        items.markGold(itemId, answer);
        return reassess(itemId, projectId, inputs);
    }

    /** Re-assesses an item from its stored labels, e.g. once an annotator's labels stopped counting. */
    @Transactional(Transactional.TxType.MANDATORY)
    public StepEffects reassess(UUID itemId, UUID projectId, StepInputs inputs) {
        return reassess(itemId, projectId, inputs, null);
    }

    /**
     * Re-assesses an item as a crowd-model fit decides it: by {@code fitted}, the fit's posterior over the item's
     * categories, instead of the live score (see {@link CrowdModelRefit}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public StepEffects reassess(UUID itemId, UUID projectId, StepInputs inputs, Map<String, Double> fitted) {
        ItemRow item = items.lock(itemId, projectId);
        List<LabelRow> itemLabels = labels.ofItem(itemId);
        if (itemLabels.isEmpty()) {
            return StepEffects.none();
        }
        return reassess(projects.of(projectId, itemLabels.get(0).label()), item, itemLabels, inputs, fitted);
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
    public StepEffects ownOverlapArrived(UUID itemId, UUID projectId, Integer judgedWith, StepInputs inputs) {
        ItemRow item = items.lock(itemId, projectId);
        List<LabelRow> itemLabels = labels.ofItem(itemId);
        if (itemLabels.isEmpty()) {
            return StepEffects.none();
        }
        AssessedProject project = projects.of(projectId, itemLabels.get(0).label());
        ProjectPolicies policies = project.policies();
        ItemOverlap before = ItemOverlap.of(judgedWith, policies.annotatorsPerItem(), policies.maxAnnotatorsPerItem());
        ItemOverlap now = ItemOverlap.of(item.annotatorsPerItem(), policies.annotatorsPerItem(),
                policies.maxAnnotatorsPerItem());
        if (before.equals(now)) {
            return StepEffects.none();
        }
        return reassess(project, item, itemLabels, inputs, null);
    }

    private StepEffects reassess(AssessedProject project, ItemRow item, List<LabelRow> itemLabels, StepInputs inputs,
                                 Map<String, Double> fitted) {
        Map<String, AnnotatorRow> rows = lockAnnotators(project, itemLabels);
        Map<String, AnnotatorRow> before = new HashMap<>(rows);
        Instant at = itemLabels.stream().map(LabelRow::submittedAt).max(Instant::compareTo).orElseGet(Instant::now);
        StepEffects effects = StepEffects.stateChanged();
        assessor.assess(project, item, itemLabels, rows, ConfusionCredit.unchanged(), fitted, at, effects);
        settlement.settle(project, rows, before, Set.of(), at, inputs, effects);
        return effects;
    }

    private Map<String, AnnotatorRow> lockAnnotators(AssessedProject project, List<LabelRow> itemLabels) {
        return annotators.lock(project.id(), itemLabels.stream().map(LabelRow::annotatorId).toList(),
                standing.initialStatus(project.policies()));
    }
}
