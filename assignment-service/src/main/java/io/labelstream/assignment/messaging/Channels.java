package io.labelstream.assignment.messaging;

/** Incoming channel names; topics are configuration. */
public final class Channels {

    public static final String PROJECTS = "projects-in";
    public static final String ITEMS = "items-in";
    public static final String ANNOTATIONS = "annotations-in";
    public static final String ITEM_QUALITY = "item-quality-in";
    public static final String ANNOTATOR_QUALITY = "annotator-quality-in";
    public static final String PREDICTIONS = "predictions-in";
    public static final String GOLD = "gold-in";

    private Channels() {
    }
}
