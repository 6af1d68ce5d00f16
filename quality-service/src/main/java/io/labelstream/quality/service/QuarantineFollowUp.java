package io.labelstream.quality.service;

import io.labelstream.quality.repository.QualityLabelRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Once an annotator is quarantined, the items of their labels are decided again without those labels, each as
 * a journalled step of its own; a re-assessment that quarantines someone else goes on to their items.
 */
@ApplicationScoped
public class QuarantineFollowUp {

    private final QualityLabelRepository labels;
    private final ProjectLock projectLock;
    private final AnnotationIntake intake;
    private final StepPublisher publisher;

    public QuarantineFollowUp(QualityLabelRepository labels, ProjectLock projectLock, AnnotationIntake intake,
                              StepPublisher publisher) {
        this.labels = labels;
        this.projectLock = projectLock;
        this.intake = intake;
        this.publisher = publisher;
    }

    /**
     * After a live event committed: each item in its own transaction (item lock first, like every other path,
     * so replicas working on those items cannot deadlock with it). A crash in between leaves an item to be
     * corrected by its next label or a rebuild.
     */
    public void afterCommit(StepEffects effects) {
        List<StepEffects.Quarantined> pending = new ArrayList<>(effects.quarantined());
        while (!pending.isEmpty()) {
            StepEffects.Quarantined next = pending.remove(0);
            List<UUID> itemIds = QuarkusTransaction.requiringNew()
                    .call(() -> labels.itemsOf(next.projectId(), next.annotatorId()));
            for (UUID itemId : itemIds) {
                StepEffects more = QuarkusTransaction.requiringNew().call(() -> {
                    projectLock.shared(next.projectId());
                    StepEffects reassessed = intake.reassessAndJournal(itemId, next.projectId());
                    publisher.publish(reassessed);
                    return reassessed;
                });
                pending.addAll(more.quarantined());
            }
        }
    }

    /**
     * The same follow-up inside the caller's transaction, journalled and not published, for a rebuild that holds
     * the project exclusively (it publishes what changed at its end).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void inline(StepEffects effects) {
        List<StepEffects.Quarantined> pending = new ArrayList<>(effects.quarantined());
        while (!pending.isEmpty()) {
            StepEffects.Quarantined next = pending.remove(0);
            for (UUID itemId : labels.itemsOf(next.projectId(), next.annotatorId())) {
                pending.addAll(intake.reassessAndJournal(itemId, next.projectId()).quarantined());
            }
        }
    }
}
