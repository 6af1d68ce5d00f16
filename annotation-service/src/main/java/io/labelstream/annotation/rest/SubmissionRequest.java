package io.labelstream.annotation.rest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * Body of a submission.
 *
 * @param label            the label in the project's task-type shape (docs/labels-and-items.md)
 * @param clientDurationMs time the client measured on the task, if it measures
 * @param revision         true to replace an earlier, different label of the same assignment
 * @param assignmentToken  the assignment token, when not sent in the Labelstream-Assignment-Token header
 */
public record SubmissionRequest(
        @NotNull JsonNode label,
        @PositiveOrZero Long clientDurationMs,
        Boolean revision,
        String assignmentToken) {
}
