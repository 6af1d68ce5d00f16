package io.labelstream.contracts.labels;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.SchemaConstraints;
import io.labelstream.contracts.project.TaskType;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code {"boxes": [{"x": 10, "y": 20, "width": 100, "height": 50, "label": "car"}]}} on an image of
 * {@code data.width × data.height} pixels: inside the image, at least the schema's minimum size (by
 * default any positive size).
 */
public final class BoxValidator implements LabelValidator {

    @Override
    public TaskType taskType() {
        return TaskType.BOXES;
    }

    @Override
    public boolean needsItemData() {
        return true;
    }

    @Override
    public List<LabelViolation> validate(JsonNode label, LabelingSchema schema, JsonNode itemData) {
        List<LabelViolation> violations = new ArrayList<>();
        if (!LabelFields.isObject(label, violations)) {
            return violations;
        }
        JsonNode boxes = LabelFields.requiredArray(label, "boxes", LabelFields.path("boxes"), violations);
        if (boxes == null) {
            return violations;
        }
        JsonNode imageWidth = itemData == null ? null : itemData.get("width");
        JsonNode imageHeight = itemData == null ? null : itemData.get("height");
        if (imageWidth == null || !imageWidth.isNumber() || imageHeight == null || !imageHeight.isNumber()) {
            violations.add(new LabelViolation(LabelFields.path("boxes"), "the item is not an image with a known size"));
            return violations;
        }
        SchemaConstraints constraints = schema.constraintsOrNone();
        LabelFields.requireAtMost(boxes.size(), constraints.maxLabels(), "boxes", LabelFields.path("boxes"), violations);
        Image image = new Image(imageWidth.doubleValue(), imageHeight.doubleValue());
        for (int i = 0; i < boxes.size(); i++) {
            checkBox(boxes.get(i), i, image, schema, constraints, violations);
        }
        return violations;
    }

    private static void checkBox(JsonNode box, int index, Image image, LabelingSchema schema,
                                 SchemaConstraints constraints, List<LabelViolation> violations) {
        if (!box.isObject()) {
            violations.add(new LabelViolation(LabelFields.path("boxes", index), "must be a JSON object"));
            return;
        }
        String labelField = LabelFields.path("boxes", index, "label");
        String name = LabelFields.requiredText(box, "label", labelField, violations);
        if (name != null) {
            LabelFields.requireInLabelSet(name, schema.labelNames(), labelField, violations);
        }
        Double x = LabelFields.requiredNumber(box, "x", LabelFields.path("boxes", index, "x"), violations);
        Double y = LabelFields.requiredNumber(box, "y", LabelFields.path("boxes", index, "y"), violations);
        Double width = LabelFields.requiredNumber(box, "width", LabelFields.path("boxes", index, "width"), violations);
        Double height = LabelFields.requiredNumber(box, "height", LabelFields.path("boxes", index, "height"), violations);
        if (x != null && x < 0) {
            violations.add(new LabelViolation(LabelFields.path("boxes", index, "x"), "x " + x + " is left of the image"));
        }
        if (y != null && y < 0) {
            violations.add(new LabelViolation(LabelFields.path("boxes", index, "y"), "y " + y + " is above the image"));
        }
        if (width != null) {
            checkExtent(width, constraints.minBoxWidth(), "width", LabelFields.path("boxes", index, "width"), violations);
            if (x != null && x + width > image.width()) {
                violations.add(new LabelViolation(LabelFields.path("boxes", index, "width"),
                        "x + width = " + (x + width) + " is beyond the image width " + image.width()));
            }
        }
        if (height != null) {
            checkExtent(height, constraints.minBoxHeight(), "height", LabelFields.path("boxes", index, "height"), violations);
            if (y != null && y + height > image.height()) {
                violations.add(new LabelViolation(LabelFields.path("boxes", index, "height"),
                        "y + height = " + (y + height) + " is beyond the image height " + image.height()));
            }
        }
    }

    private static void checkExtent(double extent, Double minimum, String what, String field,
                                    List<LabelViolation> violations) {
        if (extent <= 0) {
            violations.add(new LabelViolation(field, what + " " + extent + " must be positive"));
        } else if (minimum != null && extent < minimum) {
            violations.add(new LabelViolation(field, what + " " + extent + " is below the minimum of " + minimum));
        }
    }

    private record Image(double width, double height) {
    }
}
