package io.labelstream.assignment.domain;

import io.labelstream.contracts.events.AnnotatorStatus;
import io.labelstream.contracts.project.ProjectState;

import java.util.List;
import java.util.stream.Stream;

/**
 * What an annotator may be served next: either a refusal, or the pools to try in order and the reason
 * to give when all of them are empty. Regular work is never replaced by gold when the regular pool is
 * empty: an annotator who only ever received gold would know it. Items reserved for the annotator are
 * regular work: they come before the pool, and only where regular work is served at all.
 */
public record ServingPlan(List<TaskPool> pools, NoTaskReason whenEmpty) {

    /**
     * What the decision needs to know about the annotator in the project.
     *
     * @param holdsReservations whether items may be reserved for the annotator; without any, the lookup is skipped
     */
    public record AnnotatorStanding(boolean pilotMember, AnnotatorStatus status, int served, int goldServed,
                                    int qualificationServed, boolean holdsReservations) {
    }

    public static ServingPlan refuse(NoTaskReason reason) {
        return new ServingPlan(List.of(), reason);
    }

    public boolean refused() {
        return pools.isEmpty();
    }

    /**
     * @param qualificationItems the project's qualification policy (0: none)
     * @param goldRate           the project's gold rate
     * @param draw               a uniform random number in [0, 1) for the gold decision
     */
    public static ServingPlan decide(ProjectState state, int qualificationItems, double goldRate,
                                     AnnotatorStanding annotator, double draw) {
        if (state == ProjectState.PAUSED) {
            return refuse(NoTaskReason.PROJECT_PAUSED);
        }
        if (!state.servesTasks()) {
            return refuse(NoTaskReason.PROJECT_CLOSED);
        }
        if (annotator.status() == AnnotatorStatus.QUARANTINED) {
            return refuse(NoTaskReason.QUARANTINED);
        }
        if (state == ProjectState.PILOT) {
            return annotator.pilotMember()
                    ? new ServingPlan(List.of(TaskPool.PILOT), NoTaskReason.NONE_LEFT)
                    : refuse(NoTaskReason.NOT_IN_PILOT);
        }
        boolean cleared = annotator.status() == AnnotatorStatus.QUALIFIED || annotator.status() == AnnotatorStatus.ACTIVE;
        if (qualificationItems > 0 && !cleared) {
            // until quality says QUALIFIED, only qualification items, and no more than the policy asks for
            return annotator.qualificationServed() < qualificationItems
                    ? new ServingPlan(List.of(TaskPool.QUALIFICATION), NoTaskReason.NOT_QUALIFIED)
                    : refuse(NoTaskReason.NOT_QUALIFIED);
        }
        List<TaskPool> regularWork = annotator.holdsReservations()
                ? List.of(TaskPool.RESERVED, TaskPool.REGULAR)
                : List.of(TaskPool.REGULAR);
        if (GoldInjection.serveGold(annotator.served(), annotator.goldServed(), goldRate, draw)) {
            // reserved items never displace a gold draw, so the gold rate holds for annotators with reservations
            return new ServingPlan(Stream.concat(Stream.of(TaskPool.GOLD), regularWork.stream()).toList(),
                    NoTaskReason.NONE_LEFT);
        }
        return new ServingPlan(regularWork, NoTaskReason.NONE_LEFT);
    }
}
