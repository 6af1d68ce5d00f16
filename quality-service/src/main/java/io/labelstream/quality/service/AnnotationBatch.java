package io.labelstream.quality.service;

import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.quality.repository.BatchMemory;
import io.labelstream.quality.repository.StepJournal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Applies a poll batch of annotations in the caller's transaction. It takes every lock the batch needs up front
 * and in one global order (the projects' shared locks, then the items' rows, then each project's annotators' rows,
 * each sorted by id), so that batches of concurrent consumers wait for one another instead of deadlocking. The
 * locked rows are read as they are locked, with the labels of the items and the counts of the annotators
 * ({@link BatchMemory}); each annotation is then applied in turn to them in memory, as one step exactly as it would
 * be on its own, and the batch writes back what its steps changed, journals them and queues their events, each in
 * bulk. An annotation delivered again, in this
 * batch or after an earlier one, finds its label stored at its revision and changes nothing
 * ({@link AnnotationIntake}).
 */
@ApplicationScoped
public class AnnotationBatch {

    private final ProjectLock projectLock;
    private final BatchMemory memory;
    private final ProjectTerms projects;
    private final AnnotatorStanding standing;
    private final AnnotationIntake intake;
    private final StepJournal journal;
    private final StepPublisher publisher;

    public AnnotationBatch(ProjectLock projectLock, BatchMemory memory, ProjectTerms projects,
                           AnnotatorStanding standing, AnnotationIntake intake, StepJournal journal,
                           StepPublisher publisher) {
        this.projectLock = projectLock;
        this.memory = memory;
        this.projects = projects;
        this.standing = standing;
        this.intake = intake;
        this.journal = journal;
        this.publisher = publisher;
    }

    /** An annotation the batch applied and what it changed. */
    public record Applied(AnnotationSubmitted annotation, StepEffects effects) {
    }

    /**
     * Applies the annotations in the order given; one given twice, or already applied, changes nothing. The
     * caller commits, then hands each effect to {@link QuarantineFollowUp}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Applied> apply(List<AnnotationDelivery> deliveries) {
        List<AnnotationSubmitted> annotations = deliveries.stream().map(AnnotationDelivery::annotation).toList();
        if (annotations.isEmpty()) {
            return List.of();
        }
        List<Applied> applied = new ArrayList<>();
        List<StepJournal.Entry> entries = new ArrayList<>();
        BatchAssessments staged = new BatchAssessments();
        try {
            lockUpFront(annotations);
            for (AnnotationSubmitted annotation : annotations) {
                memory.enter(annotation.projectId());
                AnnotationIntake.Applied step = intake.apply(annotation);
                if (step.entry() != null) {
                    entries.add(new StepJournal.Entry(annotation.projectId(), step.entry()));
                }
                publisher.stage(step.effects(), staged);
                applied.add(new Applied(annotation, step.effects()));
            }
            memory.writeBack();
        } finally {
            // a step that failed leaves its batch's rows unwritten: the transaction rolls back
            memory.close();
        }
        // still holding every lock: the steps take the seqs a one-at-a-time application would have given them
        journal.recordAll(entries);
        publisher.publishAll(staged);
        return applied;
    }

    private void lockUpFront(List<AnnotationSubmitted> annotations) {
        // per project, one of its annotations: until the project itself arrives, its labels' shape decides its terms
        Map<UUID, AnnotationSubmitted> sampleOfProject = new TreeMap<>();
        Map<UUID, UUID> projectOfItem = new TreeMap<>();
        Map<UUID, UUID> projectOfAnnotation = new LinkedHashMap<>();
        for (AnnotationSubmitted annotation : annotations) {
            sampleOfProject.putIfAbsent(annotation.projectId(), annotation);
            projectOfItem.putIfAbsent(annotation.itemId(), annotation.projectId());
            projectOfAnnotation.putIfAbsent(annotation.annotationId(), annotation.projectId());
        }
        sampleOfProject.keySet().forEach(projectLock::shared);
        memory.lockItems(projectOfItem, projectOfAnnotation);
        sampleOfProject.forEach((projectId, sample) -> {
            // with the items locked, no one else adds labels to them: these are all the annotators the steps touch
            Set<String> annotators = new HashSet<>(memory.labellersOf(projectId));
            annotations.stream().filter(a -> a.projectId().equals(projectId))
                    .forEach(annotation -> annotators.add(annotation.annotatorId()));
            AssessedProject project = projects.of(projectId, sample.label());
            memory.lockAnnotators(projectId, annotators, standing.initialStatus(project.policies()));
        });
    }
}
