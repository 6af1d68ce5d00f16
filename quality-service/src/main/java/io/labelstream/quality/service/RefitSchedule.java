package io.labelstream.quality.service;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When this replica next asks whether a project's crowd model is due for a fit: after as many of the project's
 * labels as were still missing at the last look. Asking counts the project's labels, so it is done rarely;
 * a replica that sees only some of the labels asks later than due, which delays a fit but never skips it.
 * The first label of a project after a start always asks.
 */
@ApplicationScoped
public class RefitSchedule {

    private final ConcurrentHashMap<UUID, AtomicLong> labelsUntilAsking = new ConcurrentHashMap<>();

    /** Counts a label applied here; true when it is time to ask. */
    boolean labelApplied(UUID projectId) {
        return labelsUntilAsking.computeIfAbsent(projectId, p -> new AtomicLong(1)).decrementAndGet() <= 0;
    }

    /** The answer of the last look: ask again after this many more labels. */
    void askAgainAfter(UUID projectId, long labels) {
        labelsUntilAsking.computeIfAbsent(projectId, p -> new AtomicLong()).set(Math.max(1, labels));
    }
}
