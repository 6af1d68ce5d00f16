package io.labelstream.quality.repository;

import io.labelstream.contracts.events.AnnotatorStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An annotator's running aggregates within a project. Sums of scores rather than averages, so that a
 * label's contribution can be taken back when it is revised or re-scored.
 */
public record AnnotatorRow(
        UUID projectId,
        String annotatorId,
        AnnotatorStatus status,
        int labelCount,
        int tooFastCount,
        int goldAnswered,
        double goldScoreSum,
        int consensusCompared,
        double consensusScoreSum,
        int peerCompared,
        double peerScoreSum,
        long[] durationHistogram,
        List<String> flags,
        Instant assessedAt) {

    public Double goldAccuracy() {
        return goldAnswered == 0 ? null : goldScoreSum / goldAnswered;
    }

    public Double consensusAgreement() {
        return consensusCompared == 0 ? null : consensusScoreSum / consensusCompared;
    }

    public Double peerAgreement() {
        return peerCompared == 0 ? null : peerScoreSum / peerCompared;
    }
}
