package io.labelstream.quality.rest;

import io.labelstream.quality.repository.ReplayRepository;

import java.time.Instant;
import java.util.UUID;

/** A rebuild of a project's quality state from the annotation log. */
public record ReplayView(UUID replayId, UUID projectId, String requestedBy, String state, Instant requestedAt,
                         Instant finishedAt, long recordsRead, long annotationsApplied, String error) {

    static ReplayView of(ReplayRepository.ReplayRow row) {
        return new ReplayView(row.replayId(), row.projectId(), row.requestedBy(), row.state(), row.requestedAt(),
                row.finishedAt(), row.recordsRead(), row.annotationsApplied(), row.error());
    }
}
