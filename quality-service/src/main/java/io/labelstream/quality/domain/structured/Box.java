package io.labelstream.quality.domain.structured;

import java.util.Objects;

/** An axis-aligned labelled box: top-left corner (x, y), width and height in image units. */
public record Box(double x, double y, double width, double height, String label) {

    public Box {
        Objects.requireNonNull(label, "label");
        if (!(width >= 0) || !(height >= 0)) {
            throw new IllegalArgumentException("box needs non-negative width and height");
        }
    }

    public double area() {
        return width * height;
    }

    /** Intersection over union (Jaccard index of the two areas); 0 when both are empty. */
    public double iou(Box other) {
        double ix = Math.max(0, Math.min(x + width, other.x + other.width) - Math.max(x, other.x));
        double iy = Math.max(0, Math.min(y + height, other.y + other.height) - Math.max(y, other.y));
        double intersection = ix * iy;
        double union = area() + other.area() - intersection;
        return union <= 0 ? 0 : intersection / union;
    }
}
