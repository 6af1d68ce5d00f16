package io.labelstream.contracts.labels;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.TaskType;

import java.util.ArrayList;
import java.util.List;

/** {@code {"choice": "positive"}}: exactly one label of the label set. */
public final class SingleLabelValidator implements LabelValidator {

    @Override
    public TaskType taskType() {
        return TaskType.SINGLE_LABEL;
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
        String field = LabelFields.path("choice");
        JsonNode choice = label.get("choice");
        if (choice != null && choice.isArray()) {
            violations.add(new LabelViolation(field,
                    "a single-label task takes exactly one label, not " + choice.size()));
            return violations;
        }
        String name = LabelFields.requiredText(label, "choice", field, violations);
        if (name != null) {
            LabelFields.requireInLabelSet(name, schema.labelNames(), field, violations);
        }
        return violations;
    }
}
