package io.labelstream.assignment.domain;

/**
 * What an item's required count is made of, besides the project's policy.
 *
 * @param annotatorsPerItem the item's own k, or null when it follows the project's
 * @param extraLabels       annotators added because quality asked for more labels
 */
public record ItemOverlap(Integer annotatorsPerItem, int extraLabels) {

    /** The item's base k: its own overlap when it has one, else the project's. */
    public int baseK(int projectAnnotatorsPerItem) {
        return annotatorsPerItem == null ? projectAnnotatorsPerItem : annotatorsPerItem;
    }
}
