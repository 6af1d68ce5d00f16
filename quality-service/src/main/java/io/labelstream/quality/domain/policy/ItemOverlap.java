package io.labelstream.quality.domain.policy;

/**
 * How many counted labels one item needs before it is decided (its overlap k) and after how many it is
 * disputed for want of confidence (its cap).
 * <p>
 * An item may carry its own k; without one it takes its project's. The project's cap for dynamic overlap
 * stays the cap, but never below the item's own k: an item must always be allowed the labels it asks for,
 * whatever the project's cap says.
 *
 * @param minLabels the item's k: fewer counted labels and it is not decided yet
 * @param maxLabels the item's cap: at this many labels without the confidence bar it is disputed
 */
public record ItemOverlap(int minLabels, int maxLabels) {

    public ItemOverlap {
        if (minLabels < 1 || maxLabels < minLabels) {
            throw new IllegalArgumentException("need 1 <= minLabels <= maxLabels");
        }
    }

    /**
     * @param itemAnnotatorsPerItem   the item's own k, or null when it takes the project's
     * @param projectAnnotatorsPerItem the project's k
     * @param projectMaxAnnotatorsPerItem the project's cap for dynamic overlap
     */
    public static ItemOverlap of(Integer itemAnnotatorsPerItem, int projectAnnotatorsPerItem,
                                 int projectMaxAnnotatorsPerItem) {
        // a k below 1 would decide an item with no label at all; ingestion refuses one, and if one came anyway
        // the project's k is the safer reading
        boolean ownK = itemAnnotatorsPerItem != null && itemAnnotatorsPerItem >= 1;
        int k = Math.max(1, ownK ? itemAnnotatorsPerItem : projectAnnotatorsPerItem);
        return new ItemOverlap(k, Math.max(k, projectMaxAnnotatorsPerItem));
    }

    /** Whether an item with this many counted labels still waits for its first k. */
    public boolean waitsForFirstLabels(int countedLabels) {
        return countedLabels < minLabels;
    }
}
