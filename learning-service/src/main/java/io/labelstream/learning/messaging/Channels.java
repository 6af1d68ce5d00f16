package io.labelstream.learning.messaging;

/** Names of the incoming channels; their topics, groups and dead-letter topics are configuration. */
public final class Channels {

    public static final String PROJECTS = "projects-in";
    public static final String ITEMS = "items-in";
    public static final String GOLD = "gold-in";

    private Channels() {
    }
}
