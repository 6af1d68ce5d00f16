package io.labelstream.assignment.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why the annotator gives a task back, e.g. "image does not load". */
public record ReleaseRequest(@NotBlank @Size(max = 500) String reason) {
}
