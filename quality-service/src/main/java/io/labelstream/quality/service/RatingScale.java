package io.labelstream.quality.service;

import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.SchemaConstraints;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The ordered categories and interval values of a RATING project's labels: the level names of an ordinal scale
 * in their order (valued by rank), or the numbers of a numeric one. Weighted kappa weighs a disagreement by its
 * distance in this order, so every point of the scale is a category, used or not.
 */
public final class RatingScale {

    /** Beyond this many points (0 to 100 in steps of 0.1, say) only the values given are the categories. */
    static final int MAX_POINTS = 101;

    private final List<String> levels;
    private final List<String> points;

    private RatingScale(List<String> levels, List<String> points) {
        this.levels = levels;
        this.points = points;
    }

    public static RatingScale of(LabelingSchema schema) {
        SchemaConstraints constraints = schema.constraintsOrNone();
        if (constraints.scaleLabels() != null && !constraints.scaleLabels().isEmpty()) {
            return new RatingScale(List.copyOf(constraints.scaleLabels()), List.of());
        }
        List<String> points = new ArrayList<>();
        if (constraints.scaleMin() != null && constraints.scaleMax() != null) {
            BigDecimal max = BigDecimal.valueOf(constraints.scaleMax());
            BigDecimal step = constraints.scaleStep() == null || constraints.scaleStep() <= 0
                    ? BigDecimal.ONE : BigDecimal.valueOf(constraints.scaleStep());
            for (BigDecimal v = BigDecimal.valueOf(constraints.scaleMin()); v.compareTo(max) <= 0; v = v.add(step)) {
                if (points.size() == MAX_POINTS) {
                    points.clear();
                    break;
                }
                points.add(v.stripTrailingZeros().toPlainString());
            }
        }
        return new RatingScale(List.of(), points);
    }

    /** The categories in scale order: the levels, or the scale's points and the values given, by number. */
    public List<String> categories(Collection<String> given) {
        if (!levels.isEmpty()) {
            List<String> categories = new ArrayList<>(levels);
            given.stream().filter(c -> !levels.contains(c)).distinct().sorted().forEach(categories::add);
            return categories;
        }
        TreeSet<String> all = new TreeSet<>(Comparator.comparing(RatingScale::parse,
                Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(Comparator.naturalOrder()));
        all.addAll(points);
        all.addAll(given);
        return List.copyOf(all);
    }

    /** The category as a number on the interval scale: a level's rank, else its number; null when it is neither. */
    public Double value(String category) {
        if (!levels.isEmpty()) {
            int rank = levels.indexOf(category);
            return rank < 0 ? null : (double) rank;
        }
        return parse(category);
    }

    private static Double parse(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
