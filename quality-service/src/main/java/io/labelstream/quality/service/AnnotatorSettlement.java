package io.labelstream.quality.service;

import io.labelstream.contracts.events.AnnotatorAssessed;
import io.labelstream.contracts.events.AnnotatorStatus;
import io.labelstream.quality.repository.AnnotatorRow;
import io.labelstream.quality.repository.QualityAnnotatorRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settles the annotators a step touched: re-evaluates their status and flags from their updated aggregates,
 * stores what changed and queues what must be told, including whom the step quarantined.
 */
@ApplicationScoped
public class AnnotatorSettlement {

    private final QualityAnnotatorRepository annotators;
    private final AnnotatorStanding standing;
    private final ProjectSpeed speed;

    public AnnotatorSettlement(QualityAnnotatorRepository annotators, AnnotatorStanding standing, ProjectSpeed speed) {
        this.annotators = annotators;
        this.standing = standing;
        this.speed = speed;
    }

    /**
     * @param rows          the step's locked annotators with their aggregates updated by the step
     * @param before        the same annotators as the step found them
     * @param alwaysPublish annotators told about even when their status and flags stay (the submitter)
     */
    void settle(AssessedProject project, Map<String, AnnotatorRow> rows, Map<String, AnnotatorRow> before,
                Set<String> alwaysPublish, Instant at, StepInputs inputs, StepEffects effects) {
        Map<String, Integer> topCategories = annotators.mostFrequentCategoryCounts(project.id(), rows.keySet());
        // read outside the step's locks (the whole project's latest labels), hence kept in the journal
        double projectMedianSeconds = inputs.projectMedianSeconds(() -> speed.medianSeconds(project.id()));
        List<AnnotatorRow> changedRows = new ArrayList<>();
        for (AnnotatorRow row : rows.values()) {
            int topCategory = topCategories.getOrDefault(row.annotatorId(), 0);
            AnnotatorRow settled = standing.evaluate(project.policies(), row, topCategory, projectMedianSeconds, at);
            AnnotatorRow old = before.get(row.annotatorId());
            boolean changed = settled.status() != old.status() || !settled.flags().equals(old.flags());
            if (!settled.equals(old)) {
                changedRows.add(settled);
            }
            if (changed || alwaysPublish.contains(row.annotatorId())) {
                effects.annotatorAssessed(toEvent(settled));
            }
            if (settled.status() == AnnotatorStatus.QUARANTINED && old.status() != AnnotatorStatus.QUARANTINED) {
                effects.quarantined(project.id(), row.annotatorId());
            }
        }
        annotators.saveAll(changedRows);
    }

    static AnnotatorAssessed toEvent(AnnotatorRow row) {
        return new AnnotatorAssessed(row.annotatorId(), row.projectId(), row.status(), row.goldAccuracy(),
                row.goldAnswered(), row.consensusAgreement(), row.labelCount(),
                DurationHistogram.of(row.durationHistogram()).medianSeconds(), row.flags(), row.assessedAt());
    }
}
