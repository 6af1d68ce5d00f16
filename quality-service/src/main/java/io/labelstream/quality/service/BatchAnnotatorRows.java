package io.labelstream.quality.service;

import io.labelstream.quality.repository.AnnotatorRow;
import jakarta.transaction.TransactionScoped;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The annotator rows a batch transaction locked up front, as its steps have left them: the steps of a batch
 * read them from here instead of locking them again one annotation at a time. Empty, and unused, in a
 * transaction that is not a batch's.
 */
@TransactionScoped
public class BatchAnnotatorRows implements Serializable {

    private final Map<UUID, Map<String, AnnotatorRow>> rows = new HashMap<>();
    private boolean active;

    /** From now on in this transaction, steps read the rows held here. */
    void activate() {
        active = true;
    }

    boolean active() {
        return active;
    }

    /** The held row, or null if this transaction has not locked it yet. */
    AnnotatorRow get(UUID projectId, String annotatorId) {
        Map<String, AnnotatorRow> ofProject = rows.get(projectId);
        return ofProject == null ? null : ofProject.get(annotatorId);
    }

    /** Holds rows this transaction has locked, or their new state once a step stored it. */
    void hold(List<AnnotatorRow> locked) {
        for (AnnotatorRow row : locked) {
            rows.computeIfAbsent(row.projectId(), p -> new HashMap<>()).put(row.annotatorId(), row);
        }
    }
}
