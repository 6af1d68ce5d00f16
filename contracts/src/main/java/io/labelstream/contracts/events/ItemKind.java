package io.labelstream.contracts.events;

/** Regular items are labeled for the dataset; gold items have a known answer to measure annotators. */
public enum ItemKind {
    REGULAR, GOLD
}
