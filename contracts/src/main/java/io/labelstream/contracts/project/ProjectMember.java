package io.labelstream.contracts.project;

/** A user's role in a project; {@code pilot} marks the annotators of the PILOT phase. */
public record ProjectMember(String userId, ProjectRole role, boolean pilot) {
}
