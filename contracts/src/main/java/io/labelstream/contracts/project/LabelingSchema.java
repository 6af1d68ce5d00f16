package io.labelstream.contracts.project;

import java.util.List;

/** What a label of the project looks like: the task type, the label set and its constraints. */
public record LabelingSchema(TaskType taskType, List<LabelDefinition> labels, SchemaConstraints constraints) {

    public boolean hasLabel(String name) {
        return labels != null && labels.stream().anyMatch(l -> l.name().equals(name));
    }

    public List<String> labelNames() {
        return labels == null ? List.of() : labels.stream().map(LabelDefinition::name).toList();
    }

    public SchemaConstraints constraintsOrNone() {
        return constraints == null ? SchemaConstraints.none() : constraints;
    }
}
