package io.labelstream.assignment.service;

import io.labelstream.assignment.repository.AssignmentRepository;
import io.labelstream.assignment.repository.AssignmentRepository.Completion;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.TaskCompleted;
import io.labelstream.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Turns the first submission of an assignment into TaskCompleted; the slot stays taken for good. One statement
 * per submission: the inbox record, the lease's end, the item's count and the event (see
 * AssignmentRepository#complete).
 */
@ApplicationScoped
public class AssignmentCompletion {

    static final String CONSUMER = "assignment-service.annotations";
    private static final Logger LOG = Logger.getLogger(AssignmentCompletion.class);

    private final AssignmentRepository assignments;
    private final Outbox outbox;

    public AssignmentCompletion(AssignmentRepository assignments, Outbox outbox) {
        this.assignments = assignments;
        this.outbox = outbox;
    }

    @Transactional
    public void onSubmitted(UUID eventId, AnnotationSubmitted annotation) {
        if (annotation.revision() != 0) {
            return;
        }
        Instant at = (annotation.submittedAt() == null ? Instant.now() : annotation.submittedAt())
                .truncatedTo(ChronoUnit.MICROS);
        Outbox.Pending completed = outbox.prepare(Topics.ASSIGNMENTS, new TaskCompleted(annotation.assignmentId(),
                annotation.itemId(), annotation.projectId(), annotation.annotatorId(), annotation.annotationId(), at));
        Completion done = assignments.complete(CONSUMER, eventId, annotation.assignmentId(), annotation.annotatorId(),
                annotation.itemId(), annotation.annotationId(), at, completed);
        if (done == Completion.COMPLETED) {
            outbox.written();
        } else if (done == Completion.NOT_LIVE) {
            // the annotation service refuses submissions after the token's expiry, so a lease that ended
            // before its label arrived means clock skew at most: the slot was given away, the label not counted
            LOG.warnf("annotation %s names assignment %s, which is not a live lease of %s on item %s;"
                    + " not counted", annotation.annotationId(), annotation.assignmentId(), annotation.annotatorId(),
                    annotation.itemId());
        }
    }
}
