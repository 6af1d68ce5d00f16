package io.labelstream.assignment.service;

import io.labelstream.assignment.domain.UuidOrder;
import io.labelstream.assignment.repository.AssignmentRepository;
import io.labelstream.assignment.repository.AssignmentRepository.Completion;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.TaskCompleted;
import io.labelstream.platform.inbox.Inbox;
import io.labelstream.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Turns the first submission of an assignment into TaskCompleted; the slot stays taken for good. One statement
 * per submission: the inbox record, the lease's end, the item's count and the event (see
 * AssignmentRepository#complete); a poll batch records its events in the inbox in one statement first.
 */
@ApplicationScoped
public class AssignmentCompletion {

    static final String CONSUMER = "assignment-service.annotations";
    private static final Logger LOG = Logger.getLogger(AssignmentCompletion.class);

    private final AssignmentRepository assignments;
    private final Outbox outbox;
    private final Inbox inbox;

    public AssignmentCompletion(AssignmentRepository assignments, Outbox outbox, Inbox inbox) {
        this.assignments = assignments;
        this.outbox = outbox;
        this.inbox = inbox;
    }

    @Transactional
    public void onSubmitted(UUID eventId, AnnotationSubmitted annotation) {
        if (annotation.revision() == 0) {
            complete(eventId, annotation, false);
        }
    }

    /**
     * A poll batch of submissions in one transaction: the inbox records the batch in one statement, then each
     * first submission completes its lease, in item order (the order every multi-item path locks items in).
     */
    @Transactional
    public void onSubmittedAll(List<Delivered<AnnotationSubmitted>> deliveries) {
        List<Delivered<AnnotationSubmitted>> firsts = deliveries.stream()
                .filter(d -> d.event().revision() == 0).toList();
        List<Delivered<AnnotationSubmitted>> fresh = FirstDeliveries.of(inbox, CONSUMER, firsts,
                Comparator.comparing(AnnotationSubmitted::itemId, UuidOrder.DATABASE)
                        .thenComparing(AnnotationSubmitted::assignmentId, UuidOrder.DATABASE));
        fresh.forEach(d -> complete(d.eventId(), d.event(), true));
    }

    private void complete(UUID eventId, AnnotationSubmitted annotation, boolean firstSeen) {
        Instant at = (annotation.submittedAt() == null ? Instant.now() : annotation.submittedAt())
                .truncatedTo(ChronoUnit.MICROS);
        Outbox.Pending completed = outbox.prepare(Topics.ASSIGNMENTS, new TaskCompleted(annotation.assignmentId(),
                annotation.itemId(), annotation.projectId(), annotation.annotatorId(), annotation.annotationId(), at));
        Completion done = firstSeen
                ? assignments.completeFirstSeen(CONSUMER, eventId, annotation.assignmentId(),
                        annotation.annotatorId(), annotation.itemId(), annotation.annotationId(), at, completed)
                : assignments.complete(CONSUMER, eventId, annotation.assignmentId(), annotation.annotatorId(),
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
