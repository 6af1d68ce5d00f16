package io.labelstream.quality.rest;

import io.labelstream.contracts.events.AnnotatorStatus;
import io.labelstream.quality.domain.policy.AnnotatorScoring;
import io.labelstream.quality.repository.AnnotatorRow;
import io.labelstream.quality.service.DurationHistogram;

import java.time.Instant;
import java.util.List;

/**
 * An annotator's scores in a project.
 *
 * @param goldAccuracyLowerBound lower end of the 95% Wilson interval of the gold accuracy
 * @param consensusAgreement     mean agreement of their labels with the items' consensus
 * @param peerAgreement          mean agreement of their labels with the other labels of the same items
 * @param tooFastLabels          labels given faster than the configured minimum time
 */
public record AnnotatorQualityView(
        String annotatorId,
        AnnotatorStatus status,
        int labelCount,
        int goldAnswered,
        Double goldAccuracy,
        Double goldAccuracyLowerBound,
        Double consensusAgreement,
        Double peerAgreement,
        Double medianSecondsPerLabel,
        int tooFastLabels,
        List<String> flags,
        Instant assessedAt) {

    static AnnotatorQualityView of(AnnotatorRow row) {
        Double lower = row.goldAnswered() == 0 ? null : AnnotatorScoring.wilsonLowerBound(
                (int) Math.min(row.goldAnswered(), Math.round(row.goldScoreSum())), row.goldAnswered());
        return new AnnotatorQualityView(row.annotatorId(), row.status(), row.labelCount(), row.goldAnswered(),
                row.goldAccuracy(), lower, row.consensusAgreement(), row.peerAgreement(),
                DurationHistogram.of(row.durationHistogram()).medianSeconds(), row.tooFastCount(), row.flags(),
                row.assessedAt());
    }
}
