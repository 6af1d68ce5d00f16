package io.labelstream.quality.service;

import io.labelstream.contracts.events.AnnotatorStatus;
import io.labelstream.contracts.project.ProjectPolicies;
import io.labelstream.quality.config.QualityConfig;
import io.labelstream.quality.domain.policy.AnnotatorScoring;
import io.labelstream.quality.repository.AnnotatorRow;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/**
 * An annotator's status and flags from their aggregates under the project's qualification policy
 * ({@link AnnotatorScoring}). In a project with qualification items a newcomer is QUALIFYING until those
 * gold answers are in; without, a newcomer is ACTIVE and only the quarantine bar applies.
 */
@ApplicationScoped
public class AnnotatorStanding {

    private final QualityConfig config;

    public AnnotatorStanding(QualityConfig config) {
        this.config = config;
    }

    public AnnotatorStatus initialStatus(ProjectPolicies policies) {
        return policies.qualificationItems() > 0 ? AnnotatorStatus.QUALIFYING : AnnotatorStatus.ACTIVE;
    }

    /**
     * @param topCategoryCount     how many of the annotator's labels carry their most frequent category
     * @param projectMedianSeconds the project's median time per label (0: unknown)
     */
    public AnnotatorRow evaluate(ProjectPolicies policies, AnnotatorRow row, int topCategoryCount,
                                 double projectMedianSeconds, Instant at) {
        QualityConfig.Flags flags = config.flags();
        AnnotatorScoring.Policy policy = new AnnotatorScoring.Policy(policies.qualificationItems(),
                policies.qualificationMinAccuracy(), policies.quarantineAccuracy(), flags.tooFastFraction(),
                flags.constantLabelShare(), flags.minLabels(), policies.targetAgreement(), flags.minLabels());
        Double median = DurationHistogram.of(row.durationHistogram()).medianSeconds();
        int goldCorrect = (int) Math.min(row.goldAnswered(), Math.round(row.goldScoreSum()));
        int consensusAgreed = (int) Math.min(row.consensusCompared(), Math.round(row.consensusScoreSum()));
        AnnotatorScoring.Activity activity = new AnnotatorScoring.Activity(row.goldAnswered(), goldCorrect,
                row.consensusCompared(), consensusAgreed, median == null ? 0.0 : median, row.labelCount(),
                Math.min(topCategoryCount, row.labelCount()));
        AnnotatorScoring.Score score = AnnotatorScoring.score(activity, toScoring(row.status(), policies),
                median == null ? 0.0 : projectMedianSeconds, policy);
        List<String> flagNames = score.flags().stream().map(Enum::name).sorted().toList();
        Instant assessedAt = row.assessedAt() == null || at.isAfter(row.assessedAt()) ? at : row.assessedAt();
        return new AnnotatorRow(row.projectId(), row.annotatorId(), fromScoring(score.status(), policies),
                row.labelCount(), row.tooFastCount(), row.goldAnswered(), row.goldScoreSum(), row.consensusCompared(),
                row.consensusScoreSum(), row.peerCompared(), row.peerScoreSum(), row.durationHistogram(), flagNames,
                assessedAt);
    }

    /** The scoring's ACTIVE is "still qualifying"; without qualification an active annotator is past it. */
    private static AnnotatorScoring.Status toScoring(AnnotatorStatus status, ProjectPolicies policies) {
        return switch (status) {
            case QUARANTINED -> AnnotatorScoring.Status.QUARANTINED;
            case QUALIFIED -> AnnotatorScoring.Status.QUALIFIED;
            case QUALIFYING -> AnnotatorScoring.Status.ACTIVE;
            case ACTIVE -> policies.qualificationItems() > 0 ? AnnotatorScoring.Status.ACTIVE : AnnotatorScoring.Status.QUALIFIED;
        };
    }

    private static AnnotatorStatus fromScoring(AnnotatorScoring.Status status, ProjectPolicies policies) {
        return switch (status) {
            case QUARANTINED -> AnnotatorStatus.QUARANTINED;
            case ACTIVE -> AnnotatorStatus.QUALIFYING;
            case QUALIFIED -> policies.qualificationItems() > 0 ? AnnotatorStatus.QUALIFIED : AnnotatorStatus.ACTIVE;
        };
    }
}
