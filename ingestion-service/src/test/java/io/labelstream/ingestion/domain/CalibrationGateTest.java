package io.labelstream.ingestion.domain;

import io.labelstream.contracts.events.CalibrationAssessed;
import io.labelstream.contracts.events.CalibrationState;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.project.Guidelines;
import io.labelstream.contracts.project.LabelDefinition;
import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.ProjectPolicies;
import io.labelstream.contracts.project.ProjectState;
import io.labelstream.contracts.project.SchemaConstraints;
import io.labelstream.contracts.project.TaskType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CalibrationGateTest {

    private static final UUID PROJECT = UUID.randomUUID();

    @Test
    void onlyAPassedPilotUnderTheCurrentGuidelinesOpensTheGate() {
        ProjectEvent project = project(2, 0.8, 20);
        assertThat(CalibrationGate.judge(project, null).state()).isEqualTo(CalibrationState.PENDING);
        assertThat(CalibrationGate.judge(project, verdict(1, 30, 0.95)).state())
                .as("a verdict under the older guidelines").isEqualTo(CalibrationState.PENDING);
        assertThat(CalibrationGate.judge(project, verdict(2, 30, 0.95)).passed()).isTrue();
        assertThat(CalibrationGate.judge(project, verdict(2, 30, 0.6)).state()).isEqualTo(CalibrationState.FAILED);
        assertThat(CalibrationGate.judge(project, verdict(2, 19, 0.95)).state()).isEqualTo(CalibrationState.PENDING);
    }

    @Test
    void theProjectsCurrentPoliciesDecideNotTheOnesTheVerdictWasJudgedBy() {
        CalibrationAssessed passedAt08 = verdict(1, 30, 0.85);
        assertThat(CalibrationGate.judge(project(1, 0.9, 20), passedAt08).state()).isEqualTo(CalibrationState.FAILED);
        assertThat(CalibrationGate.judge(project(1, 0.8, 40), passedAt08).state()).isEqualTo(CalibrationState.PENDING);
    }

    @Test
    void theGateGuardsOnlyPilotToActiveWithATarget() {
        assertThat(CalibrationGate.guards(project(1, 0.8, 20), ProjectState.ACTIVE)).isTrue();
        assertThat(CalibrationGate.guards(project(1, 0.8, 20), ProjectState.DRAFT)).isFalse();
        assertThat(CalibrationGate.guards(project(1, 0.0, 20), ProjectState.ACTIVE)).isFalse();
    }

    private static CalibrationAssessed verdict(int version, int items, double kappa) {
        return new CalibrationAssessed(PROJECT, version, kappa >= 0.8 && items >= 20 ? CalibrationState.PASSED
                : CalibrationState.FAILED, items, items * 3L, 3, kappa, 0.8, 20, Instant.now());
    }

    private static ProjectEvent project(int guidelineVersion, double target, int minItems) {
        ProjectPolicies d = ProjectPolicies.defaults();
        ProjectPolicies policies = new ProjectPolicies(d.annotatorsPerItem(), d.maxAnnotatorsPerItem(), d.goldRate(),
                d.qualificationItems(), d.qualificationMinAccuracy(), d.quarantineAccuracy(), d.autoAcceptConfidence(),
                d.spotCheckRate(), d.targetAgreement(), d.leaseSeconds(), d.revisionGraceSeconds(), d.modelAssisted(),
                d.contentHashDedup(), d.hourlyRate(), d.weight(), d.aggregation(), target, minItems, null);
        return new ProjectEvent(PROJECT, "p", null, ProjectState.PILOT, guidelineVersion, 3,
                new LabelingSchema(TaskType.SINGLE_LABEL, List.of(new LabelDefinition("a", null, null)),
                        SchemaConstraints.none()),
                new Guidelines(guidelineVersion, "text", List.of(), List.of()), policies, List.of(), Instant.now(),
                false);
    }
}
