package io.labelstream.quality.repository;

import io.labelstream.contracts.events.AnnotatorStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The rows a live poll batch works on, held in memory for its own thread: per project, a partial
 * {@link WorkingSet} of the batch's items with all of their labels and of the annotators those labels and the
 * batch's annotations name, with all of their counts. Each is locked and read with one statement per table, the
 * steps change them in memory, and what differs is written back in bulk before the batch commits. The batch
 * locks in one global order: its items' rows (every project's, by item id), then each project's annotators' rows
 * (by project, then by annotator id).
 */
@ApplicationScoped
public class BatchMemory {

    private final RebuildMemory memory;
    private final WorkingSetTables tables;
    private final QualityItemRepository items;
    private final QualityAnnotatorRepository annotators;
    private final ThreadLocal<Map<UUID, WorkingSet>> open = new ThreadLocal<>();

    public BatchMemory(RebuildMemory memory, WorkingSetTables tables, QualityItemRepository items,
                       QualityAnnotatorRepository annotators) {
        this.memory = memory;
        this.tables = tables;
        this.items = items;
        this.annotators = annotators;
    }

    /** Whether this thread may open a set: none is open, and no rebuild holds its project in memory. */
    public boolean canOpen() {
        return open.get() == null && memory.current() == null;
    }

    /**
     * Locks the items' rows, creating missing ones, and reads them with every label they have. The batch's
     * annotations are then known to the sets: stored, if at all, among those labels (or the write-back refuses them).
     *
     * @param projectOfItem each item's project, as the batch's annotations give it
     */
    public void lockItems(Map<UUID, UUID> projectOfItem, Map<UUID, UUID> projectOfAnnotation) {
        if (!canOpen()) {
            throw new IllegalStateException("a working set is open already");
        }
        tables.planForValues();
        Map<UUID, WorkingSet> sets = new TreeMap<>();
        projectOfItem.values().forEach(projectId -> sets.computeIfAbsent(projectId, WorkingSet::partial));
        // an item stored under another project than its annotation names lands in that project's set, where the
        // annotation's step does not find it
        for (ItemRow row : items.lockAll(projectOfItem)) {
            sets.computeIfAbsent(row.projectId(), WorkingSet::partial).loadItem(row);
        }
        projectOfAnnotation.forEach((annotationId, projectId) -> sets.get(projectId).lookedUp(annotationId));
        tables.loadLabels(sets, projectOfItem.keySet());
        open.set(sets);
    }

    /** Everyone who labelled the project's locked items. */
    public Set<String> labellersOf(UUID projectId) {
        Set<String> labellers = new HashSet<>();
        WorkingSet set = open.get().get(projectId);
        set.labels.values().forEach(label -> labellers.add(label.row().annotatorId()));
        return labellers;
    }

    /** Locks the project's annotators' rows, creating missing ones, and reads them with their counts. */
    public void lockAnnotators(UUID projectId, Collection<String> annotatorIds, AnnotatorStatus initialStatus) {
        WorkingSet set = open.get().get(projectId);
        Map<String, AnnotatorRow> rows = annotators.lock(projectId, List.copyOf(annotatorIds), initialStatus);
        rows.values().forEach(set::loadAnnotator);
        tables.loadCounts(set, rows.keySet());
    }

    /** From now on this thread's steps work on the project's set. */
    public void enter(UUID projectId) {
        memory.use(open.get().get(projectId));
    }

    /** Writes back what the steps changed, project by project; from now on they work on the tables again. */
    public void writeBack() {
        Map<UUID, WorkingSet> sets = open.get();
        close();
        sets.values().forEach(tables::write);
    }

    /** Forgets the sets without writing them: the batch failed. Nothing if none is open. */
    public void close() {
        open.remove();
        memory.leave();
    }
}
