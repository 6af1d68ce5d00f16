package io.labelstream.quality.service;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When this replica next asks whether a project's crowd model is due for a fit: after as many of the project's
 * labels as were still missing at the last look. Asking counts the project's labels, so it is done rarely;
 * a replica that sees only some of the labels asks later than due, which delays a fit but never skips it.
 * The first label of a project after a start always asks.
 * <p>
 * It also remembers when this replica last applied a label of each project, so that a project whose labels
 * have gone quiet gets one last fit over all of them.
 */
@ApplicationScoped
public class RefitSchedule {

    private final ConcurrentHashMap<UUID, AtomicLong> labelsUntilAsking = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UUID, Instant> lastLabelAt = new ConcurrentHashMap<>();

    /**
     * Counts labels applied here together (one, or a batch's as it commits them); true when it is time to ask.
     * Counted one at a time after a batch, the labels after the one that made it ask would count again towards the
     * next look, though that look's count already held them.
     */
    boolean labelsApplied(UUID projectId, int labels) {
        lastLabelAt.put(projectId, Instant.now());
        return labelsUntilAsking.computeIfAbsent(projectId, p -> new AtomicLong(1)).addAndGet(-labels) <= 0;
    }

    /** The answer of the last look: ask again after this many more labels. */
    void askAgainAfter(UUID projectId, long labels) {
        labelsUntilAsking.computeIfAbsent(projectId, p -> new AtomicLong()).set(Math.max(1, labels));
    }

    /**
     * The projects whose last label applied here came before {@code cutoff}. Each is handed out once per quiet
     * spell: it is forgotten until its next label.
     */
    List<UUID> quietSince(Instant cutoff) {
        List<UUID> quiet = new ArrayList<>();
        for (Map.Entry<UUID, Instant> last : lastLabelAt.entrySet()) {
            // a label that arrives meanwhile replaces the instant, and the project stays watched
            if (last.getValue().isBefore(cutoff) && lastLabelAt.remove(last.getKey(), last.getValue())) {
                quiet.add(last.getKey());
            }
        }
        return quiet;
    }
}
