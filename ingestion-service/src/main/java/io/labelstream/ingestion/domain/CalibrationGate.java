package io.labelstream.ingestion.domain;

import io.labelstream.contracts.events.CalibrationAssessed;
import io.labelstream.contracts.events.CalibrationState;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.project.ProjectState;

/**
 * Whether a project may leave its pilot for ACTIVE. Quality measures the pilot; the gate judges the latest
 * measurement under the project's current guideline version against the project's current policies, so a policy
 * changed a moment ago applies at once, before quality has published a verdict under it.
 */
public final class CalibrationGate {

    /** The pilot as the gate judged it: the state, and what it was judged on (kappa null: none measured). */
    public record Judgement(CalibrationState state, int guidelineVersion, Double measuredKappa, double targetKappa,
                            int pilotItems, int minItems) {

        public boolean passed() {
            return state == CalibrationState.PASSED;
        }
    }

    private CalibrationGate() {
    }

    /** Whether the move is one the gate guards: PILOT to ACTIVE of a project with a calibration target. */
    public static boolean guards(ProjectEvent project, ProjectState target) {
        return project.state() == ProjectState.PILOT && target == ProjectState.ACTIVE
                && project.policies().calibrationTargetKappa() > 0;
    }

    /** @param verdict quality's latest verdict on the project, or null when none has arrived */
    public static Judgement judge(ProjectEvent project, CalibrationAssessed verdict) {
        int version = project.guidelineVersion();
        double target = project.policies().calibrationTargetKappa();
        int minItems = project.policies().calibrationMinItems();
        if (verdict == null || verdict.guidelineVersion() != version) {
            return new Judgement(CalibrationState.PENDING, version, null, target, 0, minItems);
        }
        CalibrationState state;
        if (verdict.pilotAnnotators() < 2 || verdict.pilotItems() < minItems) {
            state = CalibrationState.PENDING;
        } else if (verdict.meanCohenKappa() != null && verdict.meanCohenKappa() >= target) {
            state = CalibrationState.PASSED;
        } else {
            state = CalibrationState.FAILED;
        }
        return new Judgement(state, version, verdict.meanCohenKappa(), target, verdict.pilotItems(), minItems);
    }
}
