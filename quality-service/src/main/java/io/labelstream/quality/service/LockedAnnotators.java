package io.labelstream.quality.service;

import io.labelstream.contracts.events.AnnotatorStatus;
import io.labelstream.quality.repository.AnnotatorRow;
import io.labelstream.quality.repository.QualityAnnotatorRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The annotator rows a step works on, locked until its transaction ends, and their changes stored. */
@ApplicationScoped
public class LockedAnnotators {

    private final QualityAnnotatorRepository annotators;

    public LockedAnnotators(QualityAnnotatorRepository annotators) {
        this.annotators = annotators;
    }

    /** The annotators' rows, created with {@code initialStatus} where missing, locked in annotator id order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, AnnotatorRow> lock(UUID projectId, Collection<String> annotatorIds, AnnotatorStatus initialStatus) {
        return annotators.lock(projectId, List.copyOf(annotatorIds), initialStatus);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void saveAll(List<AnnotatorRow> rows) {
        annotators.saveAll(rows);
    }
}
