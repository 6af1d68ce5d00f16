package io.labelstream.quality.service;

import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.platform.inbox.Inbox;
import io.labelstream.quality.repository.QualityItemRepository;
import io.labelstream.quality.repository.QualityLabelRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Applies a poll batch of annotations in the caller's transaction: the inbox check of all their events in one
 * statement; then every lock the batch needs, up front and in one global order (the projects' shared locks,
 * then the items' rows, then each project's annotators' rows, each sorted by id), so that batches of
 * concurrent consumers wait for one another instead of deadlocking; then each annotation in turn, as one
 * journalled step exactly as it would be on its own, published once. The annotators' rows are read once, when
 * they are locked, and handed from step to step.
 */
@ApplicationScoped
public class AnnotationBatch {

    private final Inbox inbox;
    private final ProjectLock projectLock;
    private final QualityItemRepository items;
    private final QualityLabelRepository labels;
    private final LockedAnnotators annotators;
    private final ProjectTerms projects;
    private final AnnotatorStanding standing;
    private final AnnotationIntake intake;
    private final StepPublisher publisher;

    public AnnotationBatch(Inbox inbox, ProjectLock projectLock, QualityItemRepository items,
                           QualityLabelRepository labels, LockedAnnotators annotators, ProjectTerms projects,
                           AnnotatorStanding standing, AnnotationIntake intake, StepPublisher publisher) {
        this.inbox = inbox;
        this.projectLock = projectLock;
        this.items = items;
        this.labels = labels;
        this.annotators = annotators;
        this.projects = projects;
        this.standing = standing;
        this.intake = intake;
        this.publisher = publisher;
    }

    /** An annotation the batch applied and what it changed. */
    public record Applied(AnnotationSubmitted annotation, StepEffects effects) {
    }

    /**
     * Applies the annotations whose events are new, in the order given; an event given twice counts once. The
     * caller commits, then hands each effect to {@link QuarantineFollowUp}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Applied> apply(List<AnnotationDelivery> deliveries) {
        List<AnnotationSubmitted> fresh = inbox.firstDeliveriesOf(AnnotationIntake.ANNOTATIONS_CONSUMER, deliveries,
                AnnotationDelivery::eventId).stream().map(AnnotationDelivery::annotation).toList();
        if (fresh.isEmpty()) {
            return List.of();
        }
        lockUpFront(fresh);
        List<Applied> applied = new ArrayList<>();
        for (AnnotationSubmitted annotation : fresh) {
            StepEffects effects = intake.applyAndJournal(annotation);
            publisher.publish(effects);
            applied.add(new Applied(annotation, effects));
        }
        return applied;
    }

    private void lockUpFront(List<AnnotationSubmitted> annotations) {
        // per project, one of its annotations: until the project itself arrives, its labels' shape decides its terms
        Map<UUID, AnnotationSubmitted> sampleOfProject = new TreeMap<>();
        Map<UUID, UUID> projectOfItem = new TreeMap<>();
        for (AnnotationSubmitted annotation : annotations) {
            sampleOfProject.putIfAbsent(annotation.projectId(), annotation);
            projectOfItem.putIfAbsent(annotation.itemId(), annotation.projectId());
        }
        sampleOfProject.keySet().forEach(projectLock::shared);
        items.lockAll(projectOfItem);
        // with the items locked, no one else adds labels to them: these are all the annotators the steps touch
        Map<UUID, Set<String>> annotatorsOfProject = labels.annotatorsOf(projectOfItem.keySet());
        annotations.forEach(annotation -> annotatorsOfProject
                .computeIfAbsent(annotation.projectId(), p -> new HashSet<>()).add(annotation.annotatorId()));
        sampleOfProject.forEach((projectId, sample) -> {
            AssessedProject project = projects.of(projectId, sample.label());
            annotators.lockForBatch(projectId, annotatorsOfProject.getOrDefault(projectId, Set.of()),
                    standing.initialStatus(project.policies()));
        });
    }
}
