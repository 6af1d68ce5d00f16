package io.labelstream.assignment.domain;

import io.labelstream.contracts.events.AnnotatorStatus;

/**
 * What the pool knows of an annotator in one project.
 *
 * @param reservations reserved slots the annotator has not leased yet (those of closed items included)
 */
public record AnnotatorProgress(AnnotatorStatus status, int served, int goldServed, int qualificationServed,
                                int reservations) {

    public boolean holdsReservations() {
        return reservations > 0;
    }
}
