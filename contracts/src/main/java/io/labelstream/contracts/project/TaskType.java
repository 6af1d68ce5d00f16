package io.labelstream.contracts.project;

/** What annotators produce for an item of a project. */
public enum TaskType {
    /** exactly one label of the label set */
    SINGLE_LABEL,
    /** a subset of the label set, within the schema's bounds */
    MULTI_LABEL,
    /** labelled character spans of a text (NER) */
    SPANS,
    /** labelled bounding boxes on an image */
    BOXES,
    /** the preferred candidate of two or more */
    PREFERENCE,
    /** an ordering of all candidates */
    RANKING,
    /** a value on a numeric or ordinal scale */
    RATING
}
