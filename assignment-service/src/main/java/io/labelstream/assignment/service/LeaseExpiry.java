package io.labelstream.assignment.service;

import io.labelstream.assignment.config.AssignmentConfig;
import io.labelstream.assignment.domain.Assignment;
import io.labelstream.assignment.repository.AnnotatorProgressRepository;
import io.labelstream.assignment.repository.AssignmentRepository;
import io.labelstream.assignment.repository.AssignmentRepository.ExpiredLease;
import io.labelstream.assignment.repository.PoolItemRepository;
import io.labelstream.assignment.repository.ReservationRepository;
import io.labelstream.contracts.events.AnnotatorStatus;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.ReleaseReason;
import io.labelstream.contracts.events.TaskReleased;
import io.labelstream.platform.outbox.Outbox;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Returns the slots of leases that ran out to the pool. Every replica runs it; rows another replica is
 * expiring are skipped, so each lease is expired, and its slot freed, exactly once. A lease that redeemed
 * a reservation gives its slot back to the assignee instead, unless quality quarantined them meanwhile:
 * the item was reserved for that person, and an unlabelled lease must not take it from them.
 */
@ApplicationScoped
public class LeaseExpiry {

    private final AssignmentRepository assignments;
    private final PoolItemRepository items;
    private final ReservationRepository reservations;
    private final AnnotatorProgressRepository progress;
    private final Outbox outbox;
    private final AssignmentConfig config;
    private final Clock clock = Clock.systemUTC();

    public LeaseExpiry(AssignmentRepository assignments, PoolItemRepository items, ReservationRepository reservations,
                       AnnotatorProgressRepository progress, Outbox outbox, AssignmentConfig config) {
        this.assignments = assignments;
        this.items = items;
        this.reservations = reservations;
        this.progress = progress;
        this.outbox = outbox;
        this.config = config;
    }

    @Scheduled(every = "${labelstream.assignment.expiry-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expire() {
        while (expireBatch() == config.expiryBatchSize()) {
            // a full batch: more may be due
        }
    }

    /** Expires one batch of due leases; returns how many. */
    @Transactional
    public int expireBatch() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<ExpiredLease> expired = assignments.expireDue(now, config.expiryBatchSize());
        Set<Assignee> keepReservation = assigneesStillServed(expired);
        expired.stream()
                .sorted(Comparator.comparing(e -> e.assignment().itemId()))
                .forEach(e -> {
                    Assignment a = e.assignment();
                    if (e.redeemedReservation() && keepReservation.contains(Assignee.of(a))) {
                        reservations.restore(a.itemId(), a.projectId(), a.annotatorId());
                    } else if (a.counted()) {
                        items.freeSlot(a.itemId());
                    }
                    outbox.publish(Topics.ASSIGNMENTS, new TaskReleased(a.assignmentId(), a.itemId(), a.projectId(),
                            a.annotatorId(), ReleaseReason.EXPIRED, null, now));
                });
        return expired.size();
    }

    /**
     * The assignees whose expired leases had redeemed a reservation and who are not quarantined. Their
     * progress rows are locked first, in order, before any item row: a claim locks its annotator's row
     * before the item it takes, so the same order here cannot close a cycle of waits with one.
     */
    private Set<Assignee> assigneesStillServed(List<ExpiredLease> expired) {
        List<Assignee> assignees = expired.stream()
                .filter(e -> e.redeemedReservation() && e.assignment().counted())
                .map(e -> Assignee.of(e.assignment()))
                .distinct()
                .sorted()
                .toList();
        Set<Assignee> stillServed = new HashSet<>();
        for (Assignee who : assignees) {
            if (progress.lock(who.projectId(), who.annotatorId()).status() != AnnotatorStatus.QUARANTINED) {
                stillServed.add(who);
            }
        }
        return stillServed;
    }

    /** An annotator within a project, ordered as their progress rows are locked. */
    private record Assignee(UUID projectId, String annotatorId) implements Comparable<Assignee> {

        static Assignee of(Assignment a) {
            return new Assignee(a.projectId(), a.annotatorId());
        }

        @Override
        public int compareTo(Assignee other) {
            int byProject = projectId.compareTo(other.projectId);
            return byProject != 0 ? byProject : annotatorId.compareTo(other.annotatorId);
        }
    }
}
