package io.labelstream.quality.repository;

/** What a journalled step did to a project's quality state. */
public enum StepKind {

    /** An annotation (one revision of it) was applied to its item and its annotators. */
    ANNOTATION,

    /** An item was assessed again from its stored labels, once one of its annotators was quarantined. */
    REASSESS,

    /** A gold item's reference answer arrived and scored the labels the item already had. */
    REFERENCE,

    /** ItemIngested made the item gold or gave it its own k (and the item was assessed again if that mattered). */
    ITEM,

    /**
     * The project's Dawid–Skene crowd model was fitted again over all of its labels, the labels' credits and the
     * confusion counts rewritten from it, and the items it decides differently assessed again.
     */
    REFIT
}
