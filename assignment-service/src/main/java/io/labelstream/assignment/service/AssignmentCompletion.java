package io.labelstream.assignment.service;

import io.labelstream.assignment.domain.Assignment;
import io.labelstream.assignment.domain.AssignmentStatus;
import io.labelstream.assignment.repository.AssignmentRepository;
import io.labelstream.assignment.repository.PoolItemRepository;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.TaskCompleted;
import io.labelstream.platform.inbox.Inbox;
import io.labelstream.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Turns the first submission of an assignment into TaskCompleted; the slot stays taken for good. */
@ApplicationScoped
public class AssignmentCompletion {

    static final String CONSUMER = "assignment-service.annotations";
    private static final Logger LOG = Logger.getLogger(AssignmentCompletion.class);

    private final Inbox inbox;
    private final AssignmentRepository assignments;
    private final PoolItemRepository items;
    private final Outbox outbox;

    public AssignmentCompletion(Inbox inbox, AssignmentRepository assignments, PoolItemRepository items,
                                Outbox outbox) {
        this.inbox = inbox;
        this.assignments = assignments;
        this.items = items;
        this.outbox = outbox;
    }

    @Transactional
    public void onSubmitted(UUID eventId, AnnotationSubmitted annotation) {
        if (!inbox.firstDelivery(CONSUMER, eventId) || annotation.revision() != 0) {
            return;
        }
        Optional<Assignment> lease = assignments.find(annotation.assignmentId());
        if (lease.isEmpty() || !lease.get().annotatorId().equals(annotation.annotatorId())) {
            LOG.warnf("annotation %s names assignment %s that %s does not hold", annotation.annotationId(),
                    annotation.assignmentId(), annotation.annotatorId());
            return;
        }
        Instant at = annotation.submittedAt() == null ? Instant.now() : annotation.submittedAt();
        Optional<Assignment> completed = assignments.end(annotation.assignmentId(), AssignmentStatus.COMPLETED, at,
                null, annotation.annotationId());
        if (completed.isEmpty()) {
            // the lease had already ended (expired or released); the annotation service refuses such
            // submissions by the token's expiry, so this is clock skew at most: the slot was given away
            LOG.warnf("annotation %s arrived after assignment %s ended; not counted", annotation.annotationId(),
                    annotation.assignmentId());
            return;
        }
        Assignment done = completed.get();
        items.recordCompletion(done.itemId());
        outbox.publish(Topics.ASSIGNMENTS, new TaskCompleted(done.assignmentId(), done.itemId(), done.projectId(),
                done.annotatorId(), annotation.annotationId(), at));
    }
}
