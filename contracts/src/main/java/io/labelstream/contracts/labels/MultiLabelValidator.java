package io.labelstream.contracts.labels;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.SchemaConstraints;
import io.labelstream.contracts.project.TaskType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code {"choices": ["sports", "politics"]}}: distinct labels of the label set,
 * {@code minLabels <= |choices| <= maxLabels}, at most one label of each exclusive group.
 */
public final class MultiLabelValidator implements LabelValidator {

    @Override
    public TaskType taskType() {
        return TaskType.MULTI_LABEL;
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
        String field = LabelFields.path("choices");
        JsonNode choices = LabelFields.requiredArray(label, "choices", field, violations);
        if (choices == null) {
            return violations;
        }
        List<String> labelSet = schema.labelNames();
        Set<String> chosen = new LinkedHashSet<>();
        for (int i = 0; i < choices.size(); i++) {
            String element = LabelFields.path("choices", i);
            JsonNode choice = choices.get(i);
            if (!choice.isTextual()) {
                violations.add(new LabelViolation(element, "must be a string"));
                continue;
            }
            String name = choice.textValue();
            if (!chosen.add(name)) {
                violations.add(new LabelViolation(element, "'" + name + "' is chosen more than once"));
            }
            LabelFields.requireInLabelSet(name, labelSet, element, violations);
        }
        SchemaConstraints constraints = schema.constraintsOrNone();
        if (constraints.minLabels() != null && choices.size() < constraints.minLabels()) {
            violations.add(new LabelViolation(field,
                    choices.size() + " labels are fewer than the minimum of " + constraints.minLabels()));
        }
        if (constraints.maxLabels() != null && choices.size() > constraints.maxLabels()) {
            violations.add(new LabelViolation(field,
                    choices.size() + " labels exceed the maximum of " + constraints.maxLabels()));
        }
        if (constraints.exclusiveGroups() != null) {
            for (List<String> group : constraints.exclusiveGroups()) {
                List<String> inGroup = chosen.stream().filter(group::contains).toList();
                if (inGroup.size() > 1) {
                    violations.add(new LabelViolation(field,
                            "labels " + inGroup + " exclude each other (exclusive group " + group + ")"));
                }
            }
        }
        return violations;
    }
}
