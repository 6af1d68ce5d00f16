package io.labelstream.annotation.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.platform.token.AssignmentToken;

/**
 * A verified submission: the caller's token, the token's project as last known, the label, the client's
 * time measure and whether the client means to revise an earlier label.
 */
public record Submission(AssignmentToken token, ProjectEvent project, JsonNode label, Long clientDurationMs,
                         boolean revision) {
}
