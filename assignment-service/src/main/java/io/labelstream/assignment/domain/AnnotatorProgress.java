package io.labelstream.assignment.domain;

import io.labelstream.contracts.events.AnnotatorStatus;

/** What the pool knows of an annotator in one project. */
public record AnnotatorProgress(AnnotatorStatus status, int served, int goldServed, int qualificationServed) {
}
