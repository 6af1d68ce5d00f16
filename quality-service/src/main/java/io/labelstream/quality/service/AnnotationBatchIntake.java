package io.labelstream.quality.service;

import io.labelstream.platform.messaging.WhileDatabaseBusy;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Takes a poll batch of live annotations in: checked one by one first, so a malformed one is turned away on
 * its own; the sound ones applied in one transaction ({@link AnnotationBatch}), again after a pause while the
 * database cannot take it ({@link WhileDatabaseBusy}). If that transaction fails as a whole for another reason (a
 * record that fails only once applied), it is rolled back and the batch's annotations are applied one
 * transaction each, as they would be on their own, so that one bad record cannot hold back the others and
 * nothing is lost. Quarantine follow-ups and crowd-model fits run after the commit.
 */
@ApplicationScoped
public class AnnotationBatchIntake {

    private static final Logger LOG = Logger.getLogger(AnnotationBatchIntake.class);

    private final AnnotationBatch batch;
    private final AnnotationIntake intake;
    private final ProjectTerms projects;
    private final QuarantineFollowUp followUp;
    private final CrowdModelRefit refits;

    public AnnotationBatchIntake(AnnotationBatch batch, AnnotationIntake intake, ProjectTerms projects,
                                 QuarantineFollowUp followUp, CrowdModelRefit refits) {
        this.batch = batch;
        this.intake = intake;
        this.projects = projects;
        this.followUp = followUp;
        this.refits = refits;
    }

    /** What became of one delivery: applied (or a redelivery, which changes nothing), or turned away. */
    public record Taken(AnnotationDelivery delivery, RuntimeException failure) {

        public boolean applied() {
            return failure == null;
        }
    }

    /** Applies the deliveries; returns what became of each of them. */
    public List<Taken> take(List<AnnotationDelivery> deliveries) {
        List<Taken> taken = new ArrayList<>();
        List<AnnotationDelivery> sound = new ArrayList<>();
        for (AnnotationDelivery delivery : deliveries) {
            try {
                check(delivery);
                sound.add(delivery);
            } catch (RuntimeException poison) {
                taken.add(new Taken(delivery, poison));
            }
        }
        List<AnnotationBatch.Applied> applied = sound.isEmpty() ? List.of() : applyAll(sound, taken);
        Map<UUID, Integer> labelsOfProject = new LinkedHashMap<>();
        for (AnnotationBatch.Applied one : applied) {
            if (afterCommit(one)) {
                labelsOfProject.merge(one.annotation().projectId(), 1, Integer::sum);
            }
        }
        labelsOfProject.forEach(refits::afterLiveLabels);
        return taken;
    }

    private List<AnnotationBatch.Applied> applyAll(List<AnnotationDelivery> sound, List<Taken> taken) {
        try {
            List<AnnotationBatch.Applied> applied = WhileDatabaseBusy.call("a batch of " + sound.size()
                    + " annotations", () -> QuarkusTransaction.requiringNew().call(() -> batch.apply(sound)));
            sound.forEach(delivery -> taken.add(new Taken(delivery, null)));
            return applied;
        } catch (RuntimeException batchFailed) {
            LOG.warnf("a batch of %d annotations failed as a whole (%s); applying them one transaction each",
                    sound.size(), batchFailed.toString());
        }
        List<AnnotationBatch.Applied> applied = new ArrayList<>();
        for (AnnotationDelivery delivery : sound) {
            try {
                StepEffects effects = WhileDatabaseBusy.call("annotation event " + delivery.eventId(),
                        () -> intake.submitted(delivery.annotation()));
                applied.add(new AnnotationBatch.Applied(delivery.annotation(), effects));
                taken.add(new Taken(delivery, null));
            } catch (RuntimeException failed) {
                taken.add(new Taken(delivery, failed));
            }
        }
        return applied;
    }

    /** The checks that need no transaction: a delivery that fails them is a poison record. */
    private void check(AnnotationDelivery delivery) {
        AnnotationIntake.validate(delivery.annotation());
        AssessedProject project = projects.of(delivery.annotation().projectId(), delivery.annotation().label());
        projects.checkShape(project.taskType(), delivery.annotation().label());
    }

    /** Follows up a quarantine the annotation caused; true if the annotation changed the state. */
    private boolean afterCommit(AnnotationBatch.Applied applied) {
        if (!applied.effects().changedState()) {
            return false;
        }
        try {
            followUp.afterCommit(applied.effects());
        } catch (RuntimeException e) {
            // the annotation is in; the items left counting a quarantined annotator are corrected by their next
            // label or a rebuild
            LOG.warnf(e, "re-assessing after a quarantine caused by annotation %s failed",
                    applied.annotation().annotationId());
        }
        return true;
    }
}
