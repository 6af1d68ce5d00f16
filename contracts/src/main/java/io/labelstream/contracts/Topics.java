package io.labelstream.contracts;

/**
 * Names of the topics that connect the services. Services read them from configuration; these
 * constants are the defaults and what tests and tools use.
 */
public final class Topics {

    public static final String RAW_ITEMS = "labeling.raw-items";
    public static final String PROJECTS = "labeling.projects";
    public static final String ITEMS = "labeling.items";
    public static final String REFERENCE_ANSWERS = "labeling.reference-answers";
    public static final String ASSIGNMENTS = "labeling.assignments";
    public static final String ANNOTATIONS = "labeling.annotations";
    public static final String ITEM_QUALITY = "labeling.item-quality";
    public static final String ANNOTATOR_QUALITY = "labeling.annotator-quality";
    public static final String PROJECT_QUALITY = "labeling.project-quality";
    public static final String PREDICTIONS = "labeling.predictions";
    public static final String GOLD = "labeling.gold";

    /** Every incoming channel has its dead-letter topic next to it. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }

    private Topics() {
    }
}
