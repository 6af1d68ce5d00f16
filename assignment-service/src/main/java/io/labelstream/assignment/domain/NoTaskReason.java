package io.labelstream.assignment.domain;

/** Why there is no task for an annotator; sent as the {@code Labelstream-Reason} header of a 204. */
public enum NoTaskReason {
    NONE_LEFT("none-left"),
    NOT_QUALIFIED("not-qualified"),
    QUARANTINED("quarantined"),
    PROJECT_PAUSED("project-paused"),
    PROJECT_CLOSED("project-closed"),
    NOT_IN_PILOT("not-in-pilot");

    public static final String HEADER = "Labelstream-Reason";

    private final String headerValue;

    NoTaskReason(String headerValue) {
        this.headerValue = headerValue;
    }

    public String headerValue() {
        return headerValue;
    }
}
