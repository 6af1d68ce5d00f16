package io.labelstream.assignment.domain;

import io.labelstream.contracts.events.AnnotatorStatus;

/**
 * What the pool knows of an annotator in one project.
 *
 * @param reservations reserved slots the annotator has not leased yet (those of closed items included)
 * @param cursor       where the annotator's regular claims go on from
 * @param pool         the project pool's reopenings, read with the annotator's row
 */
public record AnnotatorProgress(AnnotatorStatus status, int served, int goldServed, int qualificationServed,
                                int reservations, ClaimCursor cursor, PoolReopenings pool) {

    public boolean holdsReservations() {
        return reservations > 0;
    }
}
