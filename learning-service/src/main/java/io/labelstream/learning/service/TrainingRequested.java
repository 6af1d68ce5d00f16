package io.labelstream.learning.service;

import java.util.UUID;

/** Fired when a project's training became due; observed after the change that made it due committed. */
public record TrainingRequested(UUID projectId) {
}
