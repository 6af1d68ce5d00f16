package io.labelstream.quality.messaging;

/** Names of the incoming channels; their topics, groups and dead-letter topics are configuration. */
public final class QualityChannels {

    public static final String PROJECTS = "projects-in";
    public static final String ITEMS = "items-in";
    public static final String REFERENCE_ANSWERS = "reference-answers-in";
    public static final String ANNOTATIONS = "annotations-in";

    private QualityChannels() {
    }
}
