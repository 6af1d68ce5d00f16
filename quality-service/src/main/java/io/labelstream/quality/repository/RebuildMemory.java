package io.labelstream.quality.repository;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.UUID;

/**
 * Holds the project a rebuild is applying its journal to in memory ({@link WorkingSet}), for the rebuild's own
 * thread only (and, through {@link BatchMemory}, the partial sets of a live poll batch): while it is open, the repositories a step calls read and change the working set instead of the
 * tables, and a step costs no round trip to the database. What it changed is written back in bulk, in the
 * rebuild's transaction, when it closes, as far as it differs from what the tables hold; a rebuild that fails
 * writes nothing.
 */
@ApplicationScoped
public class RebuildMemory {

    private final ThreadLocal<WorkingSet> open = new ThreadLocal<>();
    private final WorkingSetTables tables;

    public RebuildMemory(WorkingSetTables tables) {
        this.tables = tables;
    }

    /** Reads the project's state; from now on this thread's steps work on it. */
    public void open(UUID projectId) {
        if (open.get() != null) {
            throw new IllegalStateException("a working set is open already");
        }
        open.set(tables.load(projectId));
    }

    /**
     * Takes the open working set back to the project before its first step, for a rebuild to apply every step
     * again (see {@link WorkingSet#clearForRebuild}).
     */
    public void clearForRebuild(Set<UUID> journalledCatalogItems) {
        open.get().clearForRebuild(journalledCatalogItems);
    }

    /** Writes back what this thread's steps changed; from now on they work on the tables again. */
    public void close() {
        WorkingSet set = open.get();
        if (set != null) {
            open.remove();
            tables.write(set);
        }
    }

    /** Forgets the working set without writing it, when the rebuild's transaction fails. */
    public void discard() {
        open.remove();
    }

    /** From now on this thread's steps work on {@code set}, one of a batch's ({@link BatchMemory}). */
    void use(WorkingSet set) {
        open.set(set);
    }

    /** This thread's steps work on the tables again; the batch that opened the set writes it back. */
    void leave() {
        open.remove();
    }

    /** The working set this thread's steps work on, or null. */
    WorkingSet current() {
        return open.get();
    }
}
