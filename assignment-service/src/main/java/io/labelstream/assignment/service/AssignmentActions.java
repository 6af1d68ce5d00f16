package io.labelstream.assignment.service;

import io.labelstream.assignment.config.AssignmentConfig;
import io.labelstream.assignment.domain.Assignment;
import io.labelstream.assignment.domain.AssignmentStatus;
import io.labelstream.assignment.repository.AssignmentRepository;
import io.labelstream.assignment.repository.PoolItemRepository;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.events.ReleaseReason;
import io.labelstream.contracts.events.TaskReleased;
import io.labelstream.platform.outbox.Outbox;
import io.labelstream.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * What an annotator does with a lease they hold: look at it, skip it, keep it alive. Someone else's
 * assignment answers 404 exactly like one that does not exist, so ids cannot be probed.
 */
@ApplicationScoped
public class AssignmentActions {

    private final AssignmentRepository assignments;
    private final PoolItemRepository items;
    private final TaskLeasing leasing;
    private final Outbox outbox;
    private final AssignmentConfig config;
    private final Clock clock = Clock.systemUTC();

    public AssignmentActions(AssignmentRepository assignments, PoolItemRepository items, TaskLeasing leasing,
                             Outbox outbox, AssignmentConfig config) {
        this.assignments = assignments;
        this.items = items;
        this.leasing = leasing;
        this.outbox = outbox;
        this.config = config;
    }

    /** The caller's assignment, whatever its state; 404 when it is not theirs. */
    public Assignment mine(UUID assignmentId, String annotatorId) {
        return assignments.find(assignmentId)
                .filter(a -> a.annotatorId().equals(annotatorId))
                .orElseThrow(() -> ProblemException.notFound("assignment " + assignmentId));
    }

    public TaskLease show(ProjectEvent project, Assignment assignment) {
        if (assignment.status() != AssignmentStatus.LEASED || !assignment.expiresAt().isAfter(clock.instant())) {
            throw ProblemException.gone("assignment " + assignment.assignmentId() + " is no longer leased to you");
        }
        return leasing.view(project, assignment, assignments.itemData(assignment.itemId()));
    }

    public List<TaskLease> open(ProjectEvent project, String annotatorId) {
        return assignments.openOf(annotatorId, project.projectId(), clock.instant(), config.openAssignmentsLimit())
                .stream().map(o -> leasing.view(project, o.assignment(), o.data())).toList();
    }

    /** Gives the item back; it never returns to this annotator (the assignment row stays). */
    @Transactional
    public void release(Assignment assignment, String note) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Assignment released = assignments.end(assignment.assignmentId(), AssignmentStatus.RELEASED, now, note, null)
                .orElseThrow(() -> ProblemException.gone(
                        "assignment " + assignment.assignmentId() + " has already ended"));
        if (released.counted()) {
            items.freeSlot(released.itemId());
        }
        outbox.publish(Topics.ASSIGNMENTS, new TaskReleased(released.assignmentId(), released.itemId(),
                released.projectId(), released.annotatorId(), ReleaseReason.SKIPPED, note, now));
    }

    /** Extends a live lease by the project's lease time from now, with a new token carrying the new expiry. */
    @Transactional
    public TaskLease heartbeat(ProjectEvent project, Assignment assignment) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Assignment extended = assignments.extend(assignment.assignmentId(), assignment.annotatorId(), now,
                        now.plus(TaskLeasing.leaseDuration(project)))
                .orElseThrow(() -> ProblemException.gone(
                        "assignment " + assignment.assignmentId() + " has expired or ended"));
        return leasing.view(project, extended, assignments.itemData(extended.itemId()));
    }
}
