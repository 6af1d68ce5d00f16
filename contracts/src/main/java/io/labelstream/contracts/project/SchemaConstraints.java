package io.labelstream.contracts.project;

import java.util.List;

/**
 * Constraints of a labeling schema. Every field is optional; the one that applies depends on the task
 * type, and absent means "no constraint".
 *
 * @param minLabels         multi-label: fewest labels per item
 * @param maxLabels         multi-label: most labels per item; spans and boxes: most regions per item
 * @param exclusiveGroups   multi-label: groups of labels of which at most one may be chosen
 * @param allowOverlap      spans: whether two spans may overlap
 * @param minBoxWidth       boxes: smallest width in pixels
 * @param minBoxHeight      boxes: smallest height in pixels
 * @param scaleMin          rating: lowest value
 * @param scaleMax          rating: highest value
 * @param scaleStep         rating: step between values, from scaleMin
 * @param scaleLabels       rating on an ordinal scale: the ordered level names (then values are names)
 * @param allowTies         ranking: whether candidates may share a rank
 */
public record SchemaConstraints(
        Integer minLabels,
        Integer maxLabels,
        List<List<String>> exclusiveGroups,
        Boolean allowOverlap,
        Double minBoxWidth,
        Double minBoxHeight,
        Double scaleMin,
        Double scaleMax,
        Double scaleStep,
        List<String> scaleLabels,
        Boolean allowTies) {

    public static SchemaConstraints none() {
        return new SchemaConstraints(null, null, null, null, null, null, null, null, null, null, null);
    }
}
