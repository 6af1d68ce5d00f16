package io.labelstream.annotation.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.project.ProjectPolicies;
import io.labelstream.platform.token.AssignmentToken;

/**
 * A verified submission: the caller's token, the label, the client's time measure and whether the
 * client means to revise an earlier label.
 */
public record Submission(AssignmentToken token, ProjectPolicies policies, JsonNode label, Long clientDurationMs,
                         boolean revision) {
}
