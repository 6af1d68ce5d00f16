package io.labelstream.contracts.labels;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.SchemaConstraints;
import io.labelstream.contracts.project.TaskType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code {"rating": 4}} on a numeric scale ({@code scaleMin <= rating <= scaleMax}, {@code rating - scaleMin}
 * a multiple of {@code scaleStep}) or {@code {"rating": "good"}} on an ordinal one ({@code scaleLabels}).
 */
public final class RatingValidator implements LabelValidator {

    @Override
    public TaskType taskType() {
        return TaskType.RATING;
    }

    @Override
    public boolean needsItemData() {
        return false;
    }

    @Override
    public List<LabelViolation> validate(JsonNode label, LabelingSchema schema, JsonNode itemData) {
        List<LabelViolation> violations = new ArrayList<>();
        if (!LabelFields.isObject(label, violations)) {
            return violations;
        }
        String field = LabelFields.path("rating");
        JsonNode rating = label.get("rating");
        SchemaConstraints constraints = schema.constraintsOrNone();
        boolean ordinal = constraints.scaleLabels() != null && !constraints.scaleLabels().isEmpty();
        if (rating == null || rating.isNull()) {
            violations.add(new LabelViolation(field, "is required"));
        } else if (ordinal) {
            if (!rating.isTextual()) {
                violations.add(new LabelViolation(field, "must be one of the scale's levels " + constraints.scaleLabels()));
            } else if (!constraints.scaleLabels().contains(rating.textValue())) {
                violations.add(new LabelViolation(field,
                        "'" + rating.textValue() + "' is not one of the scale's levels " + constraints.scaleLabels()));
            }
        } else if (!rating.isNumber()) {
            violations.add(new LabelViolation(field, "must be a number"));
        } else {
            checkNumeric(rating.decimalValue(), constraints, field, violations);
        }
        return violations;
    }

    private static void checkNumeric(BigDecimal value, SchemaConstraints constraints, String field,
                                     List<LabelViolation> violations) {
        if (constraints.scaleMin() != null && value.compareTo(BigDecimal.valueOf(constraints.scaleMin())) < 0) {
            violations.add(new LabelViolation(field,
                    "rating " + value.toPlainString() + " is below the scale minimum " + constraints.scaleMin()));
            return;
        }
        if (constraints.scaleMax() != null && value.compareTo(BigDecimal.valueOf(constraints.scaleMax())) > 0) {
            violations.add(new LabelViolation(field,
                    "rating " + value.toPlainString() + " is above the scale maximum " + constraints.scaleMax()));
            return;
        }
        if (constraints.scaleStep() != null && constraints.scaleStep() > 0) {
            // decimal arithmetic: 0.1-steps are not exact in binary floating point
            BigDecimal origin = constraints.scaleMin() == null ? BigDecimal.ZERO : BigDecimal.valueOf(constraints.scaleMin());
            BigDecimal step = BigDecimal.valueOf(constraints.scaleStep());
            if (value.subtract(origin).remainder(step).signum() != 0) {
                violations.add(new LabelViolation(field, "rating " + value.toPlainString()
                        + " is not on the scale's steps of " + constraints.scaleStep() + " from " + origin.toPlainString()));
            }
        }
    }
}
