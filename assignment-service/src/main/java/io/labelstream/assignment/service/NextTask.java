package io.labelstream.assignment.service;

import io.labelstream.assignment.domain.NoTaskReason;

/** The answer to "next task": a lease, or the reason there is none. */
public record NextTask(TaskLease lease, NoTaskReason reason) {

    static NextTask leased(TaskLease lease) {
        return new NextTask(lease, null);
    }

    static NextTask none(NoTaskReason reason) {
        return new NextTask(null, reason);
    }
}
