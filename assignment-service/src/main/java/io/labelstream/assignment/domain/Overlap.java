package io.labelstream.assignment.domain;

/**
 * How many distinct annotators an item needs: its base k (its own overlap, else the project's) plus what
 * disagreement added, capped by the project's maximum. A cap below the base k never lowers it.
 */
public final class Overlap {

    private Overlap() {
    }

    public static int required(int annotatorsPerItem, int extraLabels, int maxAnnotatorsPerItem) {
        int cap = Math.max(annotatorsPerItem, maxAnnotatorsPerItem);
        return Math.min(annotatorsPerItem + Math.max(0, extraLabels), cap);
    }

    /** The extra labels after one more NEEDS_MORE_LABELS verdict: one more, up to the cap. */
    public static int raised(int annotatorsPerItem, int extraLabels, int maxAnnotatorsPerItem) {
        int cap = Math.max(annotatorsPerItem, maxAnnotatorsPerItem);
        return Math.min(extraLabels + 1, cap - annotatorsPerItem);
    }
}
