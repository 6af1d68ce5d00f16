package io.labelstream.assignment.service;

import io.labelstream.assignment.config.AssignmentConfig;
import io.labelstream.assignment.domain.Assignment;
import io.labelstream.assignment.repository.AssignmentRepository;
import io.labelstream.assignment.repository.PoolItemRepository;
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
import java.util.List;

/**
 * Returns the slots of leases that ran out to the pool. Every replica runs it; rows another replica is
 * expiring are skipped, so each lease is expired, and its slot freed, exactly once.
 */
@ApplicationScoped
public class LeaseExpiry {

    private final AssignmentRepository assignments;
    private final PoolItemRepository items;
    private final Outbox outbox;
    private final AssignmentConfig config;
    private final Clock clock = Clock.systemUTC();

    public LeaseExpiry(AssignmentRepository assignments, PoolItemRepository items, Outbox outbox,
                       AssignmentConfig config) {
        this.assignments = assignments;
        this.items = items;
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
        List<Assignment> expired = assignments.expireDue(now, config.expiryBatchSize());
        expired.stream()
                .sorted(Comparator.comparing(Assignment::itemId))
                .forEach(a -> {
                    if (a.counted()) {
                        items.freeSlot(a.itemId());
                    }
                    outbox.publish(Topics.ASSIGNMENTS, new TaskReleased(a.assignmentId(), a.itemId(), a.projectId(),
                            a.annotatorId(), ReleaseReason.EXPIRED, null, now));
                });
        return expired.size();
    }
}
