package io.labelstream.quality.service;

import io.labelstream.quality.repository.AnnotatorRow;

/**
 * Moves one label's contribution in an annotator's running sums: added once, replaced when the label is
 * revised or its item's consensus moves, taken back when it no longer applies.
 */
final class AnnotatorAggregates {

    private AnnotatorAggregates() {
    }

    static AnnotatorRow addLabel(AnnotatorRow row, long serverDurationMs, boolean tooFast) {
        return new AnnotatorRow(row.projectId(), row.annotatorId(), row.status(), row.labelCount() + 1,
                row.tooFastCount() + (tooFast ? 1 : 0), row.goldAnswered(), row.goldScoreSum(),
                row.consensusCompared(), row.consensusScoreSum(), row.peerCompared(), row.peerScoreSum(),
                DurationHistogram.of(row.durationHistogram()).add(serverDurationMs).counts(), row.flags(),
                row.assessedAt());
    }

    static AnnotatorRow replaceGoldScore(AnnotatorRow row, Double old, Double now) {
        Delta delta = Delta.of(old, now);
        return new AnnotatorRow(row.projectId(), row.annotatorId(), row.status(), row.labelCount(),
                row.tooFastCount(), row.goldAnswered() + delta.count(), row.goldScoreSum() + delta.sum(),
                row.consensusCompared(), row.consensusScoreSum(), row.peerCompared(), row.peerScoreSum(),
                row.durationHistogram(), row.flags(), row.assessedAt());
    }

    static AnnotatorRow replaceConsensusScore(AnnotatorRow row, Double old, Double now) {
        Delta delta = Delta.of(old, now);
        return new AnnotatorRow(row.projectId(), row.annotatorId(), row.status(), row.labelCount(),
                row.tooFastCount(), row.goldAnswered(), row.goldScoreSum(),
                row.consensusCompared() + delta.count(), row.consensusScoreSum() + delta.sum(),
                row.peerCompared(), row.peerScoreSum(), row.durationHistogram(), row.flags(), row.assessedAt());
    }

    static AnnotatorRow replacePeerScore(AnnotatorRow row, Double old, Double now) {
        Delta delta = Delta.of(old, now);
        return new AnnotatorRow(row.projectId(), row.annotatorId(), row.status(), row.labelCount(),
                row.tooFastCount(), row.goldAnswered(), row.goldScoreSum(), row.consensusCompared(),
                row.consensusScoreSum(), row.peerCompared() + delta.count(), row.peerScoreSum() + delta.sum(),
                row.durationHistogram(), row.flags(), row.assessedAt());
    }

    private record Delta(int count, double sum) {

        static Delta of(Double old, Double now) {
            int count = (now == null ? 0 : 1) - (old == null ? 0 : 1);
            double sum = (now == null ? 0 : now) - (old == null ? 0 : old);
            return new Delta(count, sum);
        }
    }
}
