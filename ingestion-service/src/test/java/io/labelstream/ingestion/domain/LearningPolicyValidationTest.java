package io.labelstream.ingestion.domain;

import io.labelstream.contracts.project.LearningPolicy;
import io.labelstream.contracts.project.ProjectPolicies;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LearningPolicyValidationTest {

    private static ProjectPolicies with(LearningPolicy learning) {
        ProjectPolicies d = ProjectPolicies.defaults();
        return new ProjectPolicies(d.annotatorsPerItem(), d.maxAnnotatorsPerItem(), d.goldRate(), d.qualificationItems(),
                d.qualificationMinAccuracy(), d.quarantineAccuracy(), d.autoAcceptConfidence(), d.spotCheckRate(),
                d.targetAgreement(), d.leaseSeconds(), d.revisionGraceSeconds(), d.modelAssisted(), d.contentHashDedup(),
                d.hourlyRate(), d.weight(), d.aggregation(), d.calibrationTargetKappa(), d.calibrationMinItems(), learning);
    }

    @Test
    void absentAndDefaultLearningIsValid() {
        assertThat(PolicyValidator.validate(ProjectPolicies.defaults())).isEmpty();
        assertThat(PolicyValidator.validate(with(LearningPolicy.defaults()))).isEmpty();
    }

    @Test
    void eachInvalidValueNamesItsField() {
        var violations = PolicyValidator.validate(with(new LearningPolicy(LearningPolicy.Strategy.NONE, 0, -1,
                new LearningPolicy.AutoLabel(1.5, 0.9, -0.1), null)));
        assertThat(violations).extracting(v -> v.field()).containsExactlyInAnyOrder(
                "policies.learning.retrainEvery", "policies.learning.seedItems",
                "policies.learning.autoLabel.minConfidence", "policies.learning.autoLabel.spotCheckRate");
    }
}
