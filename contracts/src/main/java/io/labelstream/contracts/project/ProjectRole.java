package io.labelstream.contracts.project;

/** Role of a member within one project; the JWT's groups say what a user may do at all. */
public enum ProjectRole {
    ANNOTATOR, REVIEWER, MANAGER
}
