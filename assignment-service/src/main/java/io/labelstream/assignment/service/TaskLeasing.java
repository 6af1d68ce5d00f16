package io.labelstream.assignment.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.assignment.domain.AnnotatorProgress;
import io.labelstream.assignment.domain.Assignment;
import io.labelstream.assignment.domain.AssignmentStatus;
import io.labelstream.assignment.domain.ClaimCursor;
import io.labelstream.assignment.domain.ClaimedItem;
import io.labelstream.assignment.domain.PoolPosition;
import io.labelstream.assignment.domain.ServingPlan;
import io.labelstream.assignment.domain.TaskPool;
import io.labelstream.assignment.repository.AnnotatorProgressRepository;
import io.labelstream.assignment.repository.AssignmentRepository;
import io.labelstream.assignment.repository.PoolItemRepository;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.events.TaskAssigned;
import io.labelstream.platform.outbox.Outbox;
import io.labelstream.platform.problem.ProblemException;
import io.labelstream.platform.token.AssignmentToken;
import io.labelstream.platform.token.AssignmentTokenCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Leases tasks to annotators. One claim is one short transaction: lock the annotator's progress row
 * (serialising that annotator's own claims), pick and lock an item reserved for the annotator, or one with
 * an open slot that the annotator never had ({@code FOR UPDATE SKIP LOCKED}), insert the assignment (its
 * unique (item, annotator) key is the final guard), take the slot (redeeming the reservation) and queue
 * TaskAssigned in the outbox.
 *
 * <p>A claim may carry a client's key (the {@code Idempotency-Key} header). A claim with a key the annotator
 * already used in the project answers with the lease that first claim made, while it is live: a client whose
 * answer was lost asks again and gets the same task, instead of stranding it until it expires. The progress
 * row lock makes that lookup and the claim exact, across replicas too. The key is looked up only when a claim
 * would otherwise end without its lease: most claims carry a new key, and the unique index on the keys finds
 * the others.
 */
@ApplicationScoped
public class TaskLeasing {

    private final PoolItemRepository items;
    private final AssignmentRepository assignments;
    private final AnnotatorProgressRepository progress;
    private final Outbox outbox;
    private final AssignmentTokenCodec tokens;
    private final Clock clock = Clock.systemUTC();

    public TaskLeasing(PoolItemRepository items, AssignmentRepository assignments, AnnotatorProgressRepository progress,
                       Outbox outbox, AssignmentTokenCodec tokens) {
        this.items = items;
        this.assignments = assignments;
        this.progress = progress;
        this.outbox = outbox;
        this.tokens = tokens;
    }

    /**
     * One claim. With {@code retried}, the claim's key is looked up first. Otherwise the claim goes straight on, as
     * almost every key is new: if the key was used, its unique index refuses the lease's insert
     * ({@link AssignmentRepository.ClaimKeyUsed}) and the caller asks again with {@code retried}, in a new
     * transaction; if no task is found, the key is looked up then, as a lost answer's lease is still the answer.
     * Both lookups run under the progress row lock.
     */
    @Transactional
    public NextTask next(ProjectEvent project, String annotatorId, String claimKey, boolean retried) {
        AnnotatorProgress standing = progress.lock(project.projectId(), annotatorId);
        if (claimKey != null && retried) {
            Optional<NextTask> earlier = earlierLease(project, annotatorId, claimKey);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        NextTask claimed = claimNew(project, annotatorId, claimKey, standing);
        if (claimed.lease() == null && claimKey != null && !retried) {
            return earlierLease(project, annotatorId, claimKey).orElse(claimed);
        }
        return claimed;
    }

    private Optional<NextTask> earlierLease(ProjectEvent project, String annotatorId, String claimKey) {
        return assignments.byClaimKey(project.projectId(), annotatorId, claimKey)
                .map(earlier -> NextTask.leased(sameLease(project, earlier)));
    }

    private NextTask claimNew(ProjectEvent project, String annotatorId, String claimKey, AnnotatorProgress standing) {
        boolean pilotMember = project.members().stream()
                .anyMatch(m -> m.userId().equals(annotatorId) && m.pilot());
        ServingPlan plan = ServingPlan.decide(project.state(), project.policies().qualificationItems(),
                project.policies().goldRate(),
                new ServingPlan.AnnotatorStanding(pilotMember, standing.status(), standing.served(),
                        standing.goldServed(), standing.qualificationServed(), standing.holdsReservations()),
                ThreadLocalRandom.current().nextDouble());
        for (TaskPool pool : plan.pools()) {
            if (pool == TaskPool.REGULAR) {
                return claimRegular(project, annotatorId, claimKey, standing, plan);
            }
            Optional<ClaimedItem> claimed = items.claim(pool, project.projectId(), annotatorId);
            if (claimed.isPresent()) {
                return NextTask.leased(lease(project, annotatorId, claimKey, standing, standing.cursor(), pool,
                        claimed.get()));
            }
        }
        return NextTask.none(plan.whenEmpty());
    }

    /**
     * The regular pool, walked from the annotator's cursor. The cursor moves with the lease, or on its own
     * when the claim found nothing but walked past items the annotator had; a claim that changes nothing
     * writes nothing.
     */
    private NextTask claimRegular(ProjectEvent project, String annotatorId, String claimKey,
                                  AnnotatorProgress standing, ServingPlan plan) {
        PoolPosition start = standing.cursor().start(standing.pool());
        PoolItemRepository.RegularClaim claim = items.claimRegular(project.projectId(), annotatorId, start);
        ClaimCursor cursor = ClaimCursor.walked(start, claim.passed(), standing.pool());
        if (claim.item().isPresent()) {
            return NextTask.leased(lease(project, annotatorId, claimKey, standing, cursor, TaskPool.REGULAR,
                    claim.item().get()));
        }
        if (!cursor.equals(standing.cursor())) {
            progress.moveCursor(project.projectId(), annotatorId, cursor);
        }
        return NextTask.none(plan.whenEmpty());
    }

    private TaskLease sameLease(ProjectEvent project, AssignmentRepository.OpenAssignment earlier) {
        Assignment assignment = earlier.assignment();
        if (assignment.status() != AssignmentStatus.LEASED || !assignment.expiresAt().isAfter(clock.instant())) {
            throw ProblemException.conflict("the task claimed with this Idempotency-Key (assignment "
                    + assignment.assignmentId() + ") has ended; ask with a new key for another task");
        }
        return view(project, assignment, earlier.data());
    }

    private TaskLease lease(ProjectEvent project, String annotatorId, String claimKey, AnnotatorProgress standing,
                            ClaimCursor cursor, TaskPool pool, ClaimedItem item) {
        // PostgreSQL keeps microseconds: the token and the row must carry the same instants
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Assignment assignment = new Assignment(UUID.randomUUID(), item.itemId(), project.projectId(), annotatorId,
                pool.slotCounted(), AssignmentStatus.LEASED, project.schemaVersion(), now,
                now.plus(leaseDuration(project)));
        Outbox.Pending assigned = outbox.prepare(Topics.ASSIGNMENTS, new TaskAssigned(assignment.assignmentId(),
                assignment.itemId(), assignment.projectId(), annotatorId, assignment.schemaVersion(),
                assignment.leasedAt(), assignment.expiresAt()));
        assignments.insertLease(assignment, claimKey, pool.slotCounted(), pool == TaskPool.GOLD,
                pool == TaskPool.QUALIFICATION, standing.holdsReservations(), cursor, assigned);
        outbox.written();
        return view(project, assignment, item.data());
    }

    static Duration leaseDuration(ProjectEvent project) {
        return Duration.ofSeconds(project.policies().leaseSeconds());
    }

    TaskLease view(ProjectEvent project, Assignment assignment, JsonNode data) {
        String token = tokens.sign(new AssignmentToken(assignment.assignmentId(), assignment.itemId(),
                assignment.projectId(), assignment.annotatorId(), assignment.schemaVersion(), assignment.leasedAt(),
                assignment.expiresAt()));
        int guidelineVersion = project.guidelines() == null ? 0 : project.guidelines().version();
        return new TaskLease(assignment.assignmentId(), assignment.projectId(), assignment.itemId(), data,
                project.schema(), assignment.schemaVersion(), guidelineVersion, token, assignment.leasedAt(),
                assignment.expiresAt());
    }
}
