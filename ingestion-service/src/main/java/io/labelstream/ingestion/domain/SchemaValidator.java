package io.labelstream.ingestion.domain;

import io.labelstream.contracts.project.LabelDefinition;
import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.SchemaConstraints;
import io.labelstream.contracts.project.TaskType;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks that a labeling schema is consistent in itself before a project may use it. */
public final class SchemaValidator {

    private static final Set<TaskType> NEED_LABELS =
            EnumSet.of(TaskType.SINGLE_LABEL, TaskType.MULTI_LABEL, TaskType.SPANS, TaskType.BOXES);

    private SchemaValidator() {
    }

    public static List<Violation> validate(LabelingSchema schema) {
        List<Violation> violations = new ArrayList<>();
        if (schema == null) {
            violations.add(new Violation("schema", "is required"));
            return violations;
        }
        if (schema.taskType() == null) {
            violations.add(new Violation("schema.taskType", "is required"));
            return violations;
        }
        List<LabelDefinition> labels = schema.labels() == null ? List.of() : schema.labels();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < labels.size(); i++) {
            LabelDefinition label = labels.get(i);
            String path = "schema.labels[" + i + "].name";
            if (label == null || label.name() == null || label.name().isBlank()) {
                violations.add(new Violation(path, "must be a non-empty name"));
            } else if (!names.add(label.name())) {
                violations.add(new Violation(path, "repeats the label " + label.name()));
            }
        }
        if (NEED_LABELS.contains(schema.taskType()) && labels.isEmpty()) {
            violations.add(new Violation("schema.labels", schema.taskType() + " needs at least one label"));
        }
        SchemaConstraints constraints = schema.constraintsOrNone();
        checkCounts(constraints, schema.taskType(), labels.size(), violations);
        checkExclusiveGroups(constraints, names, violations);
        if (isNegative(constraints.minBoxWidth())) {
            violations.add(new Violation("schema.constraints.minBoxWidth", "must be >= 0"));
        }
        if (isNegative(constraints.minBoxHeight())) {
            violations.add(new Violation("schema.constraints.minBoxHeight", "must be >= 0"));
        }
        if (schema.taskType() == TaskType.RATING) {
            checkScale(constraints, violations);
        }
        return violations;
    }

    private static void checkCounts(SchemaConstraints constraints, TaskType taskType, int labelCount,
                                    List<Violation> violations) {
        Integer min = constraints.minLabels();
        Integer max = constraints.maxLabels();
        if (min != null && min < 0) {
            violations.add(new Violation("schema.constraints.minLabels", "must be >= 0"));
        }
        if (max != null && max < 1) {
            violations.add(new Violation("schema.constraints.maxLabels", "must be >= 1"));
        }
        if (min != null && max != null && min > max) {
            violations.add(new Violation("schema.constraints.minLabels", "must not exceed maxLabels"));
        }
        if (taskType == TaskType.MULTI_LABEL && min != null && min > labelCount) {
            violations.add(new Violation("schema.constraints.minLabels", "exceeds the number of labels"));
        }
    }

    private static void checkExclusiveGroups(SchemaConstraints constraints, Set<String> names,
                                             List<Violation> violations) {
        if (constraints.exclusiveGroups() == null) {
            return;
        }
        for (int i = 0; i < constraints.exclusiveGroups().size(); i++) {
            List<String> group = constraints.exclusiveGroups().get(i);
            String path = "schema.constraints.exclusiveGroups[" + i + "]";
            if (group == null || group.size() < 2) {
                violations.add(new Violation(path, "needs at least two labels"));
            } else if (!names.containsAll(group)) {
                violations.add(new Violation(path, "names labels that are not in the label set"));
            }
        }
    }

    private static void checkScale(SchemaConstraints constraints, List<Violation> violations) {
        List<String> levels = constraints.scaleLabels();
        if (levels != null && !levels.isEmpty()) {
            if (levels.stream().anyMatch(l -> l == null || l.isBlank()) || new HashSet<>(levels).size() != levels.size()) {
                violations.add(new Violation("schema.constraints.scaleLabels", "must be distinct non-empty names"));
            }
            return;
        }
        if (constraints.scaleMin() == null || constraints.scaleMax() == null) {
            violations.add(new Violation("schema.constraints", "RATING needs scaleMin and scaleMax, or scaleLabels"));
        } else if (constraints.scaleMin() >= constraints.scaleMax()) {
            violations.add(new Violation("schema.constraints.scaleMin", "must be below scaleMax"));
        }
        if (constraints.scaleStep() != null && constraints.scaleStep() <= 0) {
            violations.add(new Violation("schema.constraints.scaleStep", "must be > 0"));
        }
    }

    private static boolean isNegative(Double value) {
        return value != null && value < 0;
    }
}
