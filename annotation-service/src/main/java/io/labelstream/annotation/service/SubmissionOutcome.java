package io.labelstream.annotation.service;

import io.labelstream.annotation.domain.Annotation;

/** What a submission did: stored a first label, repeated a stored one, or stored a revision. */
public record SubmissionOutcome(Annotation annotation, Kind kind) {

    public enum Kind {
        CREATED, REPEATED, REVISED
    }
}
