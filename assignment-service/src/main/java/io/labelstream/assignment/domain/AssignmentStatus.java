package io.labelstream.assignment.domain;

/** Life of one lease: LEASED ends as COMPLETED (labelled), RELEASED (skipped) or EXPIRED. */
public enum AssignmentStatus {
    LEASED, COMPLETED, RELEASED, EXPIRED
}
