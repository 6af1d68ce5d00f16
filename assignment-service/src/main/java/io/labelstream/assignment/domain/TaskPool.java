package io.labelstream.assignment.domain;

/** The kinds of item a claim may draw from. */
public enum TaskPool {
    /** items reserved for the annotator at ingestion; each lease uses the slot the reservation held */
    RESERVED,
    /** regular items with an open slot; slot-counted, exactly k annotators */
    REGULAR,
    /** gold items injected among regular ones; every annotator may get each once */
    GOLD,
    /** qualification gold items for annotators who have not qualified yet */
    QUALIFICATION,
    /** pilot items, to every pilot annotator during PILOT */
    PILOT;

    /** Whether a lease of this pool takes one of the item's k slots. */
    public boolean slotCounted() {
        return this == REGULAR || this == RESERVED;
    }
}
