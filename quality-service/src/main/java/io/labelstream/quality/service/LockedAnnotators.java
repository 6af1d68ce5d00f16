package io.labelstream.quality.service;

import io.labelstream.contracts.events.AnnotatorStatus;
import io.labelstream.quality.repository.AnnotatorRow;
import io.labelstream.quality.repository.QualityAnnotatorRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The annotator rows a step works on, locked until its transaction ends, and their changes stored. In a batch
 * transaction, which locked the rows of all its annotators up front ({@link #lockForBatch}), a step reads
 * them from memory instead of selecting them for update again.
 */
@ApplicationScoped
public class LockedAnnotators {

    private final QualityAnnotatorRepository annotators;
    private final BatchAnnotatorRows batch;

    public LockedAnnotators(QualityAnnotatorRepository annotators, BatchAnnotatorRows batch) {
        this.annotators = annotators;
        this.batch = batch;
    }

    /**
     * Locks the rows of every annotator a batch will touch, in annotator id order, and keeps them for the steps
     * of the batch's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockForBatch(UUID projectId, Collection<String> annotatorIds, AnnotatorStatus initialStatus) {
        batch.activate();
        batch.hold(List.copyOf(annotators.lock(projectId, List.copyOf(annotatorIds), initialStatus).values()));
    }

    /** The annotators' rows, created with {@code initialStatus} where missing, locked in annotator id order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, AnnotatorRow> lock(UUID projectId, Collection<String> annotatorIds, AnnotatorStatus initialStatus) {
        if (!batch.active()) {
            return annotators.lock(projectId, List.copyOf(annotatorIds), initialStatus);
        }
        Map<String, AnnotatorRow> rows = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String annotatorId : annotatorIds) {
            AnnotatorRow held = batch.get(projectId, annotatorId);
            if (held == null) {
                missing.add(annotatorId);
            } else {
                rows.put(annotatorId, held);
            }
        }
        if (!missing.isEmpty()) {
            // not foreseen by the batch: locked now, out of the global order (a deadlock rolls the batch back)
            Map<String, AnnotatorRow> locked = annotators.lock(projectId, missing, initialStatus);
            batch.hold(List.copyOf(locked.values()));
            rows.putAll(locked);
        }
        return rows;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void saveAll(List<AnnotatorRow> rows) {
        annotators.saveAll(rows);
        if (batch.active()) {
            batch.hold(rows);
        }
    }
}
