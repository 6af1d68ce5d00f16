package io.labelstream.quality.service;

import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * What one step reads besides the rows it locks, kept with the step in the journal so that a rebuild applying
 * the step again reads the same: the project's median time per label, which TOO_FAST compares annotators with
 * (measured over the latest labels of the whole project and reused for a while, so it depends on when the step
 * ran), and the time given to an annotation that carried no submission time.
 */
public final class StepInputs {

    private Double projectMedianSeconds;
    private Instant givenSubmissionTime;

    private StepInputs(Double projectMedianSeconds, Instant givenSubmissionTime) {
        this.projectMedianSeconds = projectMedianSeconds;
        this.givenSubmissionTime = givenSubmissionTime;
    }

    /** A step running now: it measures what it needs. */
    public static StepInputs live() {
        return new StepInputs(null, null);
    }

    /** A journalled step applied again, with what it read live; what it did not record is measured anew. */
    public static StepInputs recorded(Double projectMedianSeconds, Instant givenSubmissionTime) {
        return new StepInputs(projectMedianSeconds, givenSubmissionTime);
    }

    /**
     * The project's median seconds per label, measured at most once per step, so every annotator the step
     * evaluates is compared with the same figure.
     */
    double projectMedianSeconds(DoubleSupplier measure) {
        if (projectMedianSeconds == null) {
            projectMedianSeconds = measure.getAsDouble();
        }
        return projectMedianSeconds;
    }

    /** The annotation's own submission time, or the one this step gives an annotation that carries none. */
    Instant submittedAt(Instant carried) {
        if (carried != null) {
            return carried;
        }
        if (givenSubmissionTime == null) {
            givenSubmissionTime = Instant.now();
        }
        return givenSubmissionTime;
    }

    /** The median the step compared annotators with; null if it evaluated none. */
    public Double projectMedianSeconds() {
        return projectMedianSeconds;
    }

    /** The time the step gave an annotation without one; null if it needed none. */
    public Instant givenSubmissionTime() {
        return givenSubmissionTime;
    }
}
