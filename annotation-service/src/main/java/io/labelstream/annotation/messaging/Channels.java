package io.labelstream.annotation.messaging;

/** Incoming channel names; topics, groups and dead-letter topics are configuration. */
public final class Channels {

    public static final String PROJECTS = "projects-in";
    public static final String ITEMS = "items-in";
    public static final String PREDICTIONS = "predictions-in";
    public static final String ASSIGNMENTS = "assignments-in";

    private Channels() {
    }
}
