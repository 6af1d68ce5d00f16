package io.labelstream.assignment.domain;

import io.labelstream.contracts.events.AnnotatorStatus;
import io.labelstream.contracts.project.ProjectState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServingPlanTest {

    private static ServingPlan.AnnotatorStanding standing(boolean pilot, AnnotatorStatus status, int qualificationServed) {
        return new ServingPlan.AnnotatorStanding(pilot, status, 0, 0, qualificationServed, false);
    }

    @Test
    void pausedAndClosedProjectsServeNothing() {
        assertThat(ServingPlan.decide(ProjectState.PAUSED, 0, 0, standing(false, null, 0), 0).whenEmpty())
                .isEqualTo(NoTaskReason.PROJECT_PAUSED);
        assertThat(ServingPlan.decide(ProjectState.COMPLETED, 0, 0, standing(false, null, 0), 0).refused()).isTrue();
        assertThat(ServingPlan.decide(ProjectState.DRAFT, 0, 0, standing(false, null, 0), 0).whenEmpty())
                .isEqualTo(NoTaskReason.PROJECT_CLOSED);
    }

    @Test
    void quarantinedAnnotatorsGetNothing() {
        ServingPlan plan = ServingPlan.decide(ProjectState.ACTIVE, 0, 0, standing(false, AnnotatorStatus.QUARANTINED, 0), 0);
        assertThat(plan.refused()).isTrue();
        assertThat(plan.whenEmpty()).isEqualTo(NoTaskReason.QUARANTINED);
    }

    @Test
    void pilotServesPilotItemsToPilotAnnotatorsOnly() {
        assertThat(ServingPlan.decide(ProjectState.PILOT, 2, 0.5, standing(true, null, 0), 0).pools())
                .containsExactly(TaskPool.PILOT);
        assertThat(ServingPlan.decide(ProjectState.PILOT, 0, 0, standing(false, null, 0), 0).whenEmpty())
                .isEqualTo(NoTaskReason.NOT_IN_PILOT);
    }

    @Test
    void newAnnotatorsQualifyFirstAndWaitForTheVerdict() {
        assertThat(ServingPlan.decide(ProjectState.ACTIVE, 2, 0.5, standing(false, null, 1), 0).pools())
                .containsExactly(TaskPool.QUALIFICATION);
        ServingPlan waiting = ServingPlan.decide(ProjectState.ACTIVE, 2, 0.5, standing(false, AnnotatorStatus.QUALIFYING, 2), 0);
        assertThat(waiting.refused()).isTrue();
        assertThat(waiting.whenEmpty()).isEqualTo(NoTaskReason.NOT_QUALIFIED);
        assertThat(ServingPlan.decide(ProjectState.ACTIVE, 2, 0, standing(false, AnnotatorStatus.QUALIFIED, 2), 0.9).pools())
                .containsExactly(TaskPool.REGULAR);
    }

    @Test
    void reservedItemsComeBeforeThePoolOnlyWhereRegularWorkIsServed() {
        ServingPlan.AnnotatorStanding holding = new ServingPlan.AnnotatorStanding(true, null, 0, 0, 0, true);
        assertThat(ServingPlan.decide(ProjectState.ACTIVE, 0, 0, holding, 0.9).pools())
                .containsExactly(TaskPool.RESERVED, TaskPool.REGULAR);
        assertThat(ServingPlan.decide(ProjectState.ACTIVE, 0, 0.5, holding, 0.1).pools())
                .containsExactly(TaskPool.GOLD, TaskPool.RESERVED, TaskPool.REGULAR);
        assertThat(ServingPlan.decide(ProjectState.PILOT, 0, 0, holding, 0.9).pools()).containsExactly(TaskPool.PILOT);
        assertThat(ServingPlan.decide(ProjectState.ACTIVE, 2, 0, holding, 0.9).pools())
                .containsExactly(TaskPool.QUALIFICATION);
        assertThat(ServingPlan.decide(ProjectState.ACTIVE, 0, 0,
                new ServingPlan.AnnotatorStanding(false, AnnotatorStatus.QUARANTINED, 0, 0, 0, true), 0.9).refused())
                .isTrue();
        assertThat(ServingPlan.decide(ProjectState.PAUSED, 0, 0, holding, 0.9).refused()).isTrue();
    }

    @Test
    void goldIsTriedBeforeRegularWhenInjectedButNeverAlone() {
        assertThat(ServingPlan.decide(ProjectState.ACTIVE, 0, 0.5, standing(false, null, 0), 0.1).pools())
                .containsExactly(TaskPool.GOLD, TaskPool.REGULAR);
        assertThat(ServingPlan.decide(ProjectState.ACTIVE, 0, 0.5, standing(false, null, 0), 0.9).pools())
                .containsExactly(TaskPool.REGULAR);
    }
}
