package io.labelstream.contracts.project;

/**
 * Role of a member within one project; the JWT's groups say what a user may do at all. An INGESTOR is a
 * pipeline account that adds items to the project and reads them back, gold answers included.
 */
public enum ProjectRole {
    ANNOTATOR, REVIEWER, MANAGER, INGESTOR
}
