package io.labelstream.ingestion.domain;

import io.labelstream.contracts.project.LearningPolicy;
import io.labelstream.contracts.project.ProjectPolicies;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Checks that a project's policies are values the other services can act on. */
public final class PolicyValidator {

    private static final Set<String> AGGREGATIONS = Set.of("MAJORITY", "WEIGHTED", "DAWID_SKENE");

    private PolicyValidator() {
    }

    public static List<Violation> validate(ProjectPolicies p) {
        List<Violation> violations = new ArrayList<>();
        if (p.annotatorsPerItem() < 1) {
            violations.add(new Violation("policies.annotatorsPerItem", "must be >= 1"));
        }
        if (p.maxAnnotatorsPerItem() < p.annotatorsPerItem()) {
            violations.add(new Violation("policies.maxAnnotatorsPerItem", "must be >= annotatorsPerItem"));
        }
        share("goldRate", p.goldRate(), violations);
        share("qualificationMinAccuracy", p.qualificationMinAccuracy(), violations);
        share("quarantineAccuracy", p.quarantineAccuracy(), violations);
        share("autoAcceptConfidence", p.autoAcceptConfidence(), violations);
        share("spotCheckRate", p.spotCheckRate(), violations);
        share("targetAgreement", p.targetAgreement(), violations);
        if (p.qualificationItems() < 0) {
            violations.add(new Violation("policies.qualificationItems", "must be >= 0"));
        }
        if (p.leaseSeconds() < 1) {
            violations.add(new Violation("policies.leaseSeconds", "must be >= 1"));
        }
        if (p.revisionGraceSeconds() < 0) {
            violations.add(new Violation("policies.revisionGraceSeconds", "must be >= 0"));
        }
        if (p.hourlyRate() < 0) {
            violations.add(new Violation("policies.hourlyRate", "must be >= 0"));
        }
        if (p.weight() <= 0) {
            violations.add(new Violation("policies.weight", "must be > 0"));
        }
        if (p.aggregation() == null || !AGGREGATIONS.contains(p.aggregation())) {
            violations.add(new Violation("policies.aggregation", "must be one of " + AGGREGATIONS));
        }
        share("calibrationTargetKappa", p.calibrationTargetKappa(), violations);
        if (p.calibrationMinItems() < 1) {
            violations.add(new Violation("policies.calibrationMinItems", "must be >= 1"));
        }
        if (p.learning() != null) {
            learning(p.learning(), violations);
        }
        return violations;
    }

    private static void learning(LearningPolicy learning, List<Violation> violations) {
        if (learning.retrainEvery() != null && learning.retrainEvery() < 1) {
            violations.add(new Violation("policies.learning.retrainEvery", "must be >= 1, or absent for a geometric schedule"));
        }
        if (learning.seedItems() < 0) {
            violations.add(new Violation("policies.learning.seedItems", "must be >= 0"));
        }
        if (learning.textField().length() > 200) {
            violations.add(new Violation("policies.learning.textField", "must be at most 200 characters"));
        }
        LearningPolicy.AutoLabel auto = learning.autoLabel();
        if (auto != null) {
            share("learning.autoLabel.minConfidence", auto.minConfidence(), violations);
            share("learning.autoLabel.minCrossValidatedF1", auto.minCrossValidatedF1(), violations);
            share("learning.autoLabel.spotCheckRate", auto.spotCheckRate(), violations);
        }
    }

    private static void share(String field, double value, List<Violation> violations) {
        if (value < 0 || value > 1 || Double.isNaN(value)) {
            violations.add(new Violation("policies." + field, "must lie between 0 and 1"));
        }
    }
}
