package io.labelstream.quality.service;

import io.labelstream.contracts.project.ProjectPolicies;
import io.labelstream.contracts.project.TaskType;

import java.util.UUID;

/** What a step judges an item's labels by: the project's task type, policies and schema version. */
record AssessedProject(UUID id, TaskType taskType, ProjectPolicies policies, int schemaVersion) {
}
