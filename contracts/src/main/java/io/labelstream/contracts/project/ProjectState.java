package io.labelstream.contracts.project;

import java.util.Map;
import java.util.Set;

/** Life cycle of a project: DRAFT → PILOT → ACTIVE ⇄ PAUSED → COMPLETED. */
public enum ProjectState {
    DRAFT, PILOT, ACTIVE, PAUSED, COMPLETED;

    private static final Map<ProjectState, Set<ProjectState>> NEXT = Map.of(
            DRAFT, Set.of(PILOT, ACTIVE),
            PILOT, Set.of(ACTIVE, DRAFT),
            ACTIVE, Set.of(PAUSED, COMPLETED),
            PAUSED, Set.of(ACTIVE, COMPLETED),
            COMPLETED, Set.of());

    public boolean canMoveTo(ProjectState target) {
        return NEXT.get(this).contains(target);
    }

    public Set<ProjectState> allowedNext() {
        return NEXT.get(this);
    }

    /** Whether annotators may be handed tasks. */
    public boolean servesTasks() {
        return this == PILOT || this == ACTIVE;
    }

    /** Whether new items may still be ingested. */
    public boolean acceptsItems() {
        return this != COMPLETED;
    }
}
