package io.labelstream.platform.security;

/** The roles a bearer token's {@code groups} claim may hold. */
public final class Roles {

    public static final String ANNOTATOR = "annotator";
    public static final String REVIEWER = "reviewer";
    public static final String MANAGER = "manager";
    public static final String INGESTOR = "ingestor";

    private Roles() {
    }
}
