package io.labelstream.learning.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.project.LearningPolicy;
import io.labelstream.contracts.project.TaskType;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the built-in model needs to know of a project: the label shape, the label set and the field of an
 * item's data that holds its text. Only single- and multi-label projects have one; the others are served by
 * external models alone.
 */
public record LearnableProject(TaskShape shape, List<String> labelSet, String textField, LearningPolicy policy) {

    public static Optional<LearnableProject> of(ProjectEvent project) {
        if (project.schema() == null) {
            return Optional.empty();
        }
        TaskShape shape;
        if (project.schema().taskType() == TaskType.SINGLE_LABEL) {
            shape = TaskShape.SINGLE_LABEL;
        } else if (project.schema().taskType() == TaskType.MULTI_LABEL) {
            shape = TaskShape.MULTI_LABEL;
        } else {
            return Optional.empty();
        }
        LearningPolicy policy = project.policies() == null ? LearningPolicy.defaults() : project.policies().learningOrDefaults();
        return Optional.of(new LearnableProject(shape, project.schema().labelNames(), policy.textField(), policy));
    }

    /**
     * Whether a prediction of a model with this cross-validated macro-F1 and this confidence may become gold
     * under the project's {@code autoLabel} policy (adjudication decides; this says what is worth publishing).
     */
    public boolean autoLabels(double modelF1, double confidence) {
        LearningPolicy.AutoLabel auto = policy.autoLabel();
        return auto != null && modelF1 >= auto.minCrossValidatedF1() && confidence >= auto.minConfidence();
    }

    /** Whether a model with this cross-validated macro-F1 may pre-label any item of the project. */
    public boolean autoLabelsWith(double modelF1) {
        return policy.autoLabel() != null && modelF1 >= policy.autoLabel().minCrossValidatedF1();
    }

    /** Whether the pool is ordered by the model: every prediction that moves an item's rank is published. */
    public boolean ranksThePool() {
        return policy.strategy() == LearningPolicy.Strategy.UNCERTAINTY;
    }

    /** The item's text, or null when its data has none in the project's text field. */
    public String textOf(JsonNode data) {
        JsonNode text = data == null ? null : data.get(textField);
        return text != null && text.isTextual() && !text.asText().isBlank() ? text.asText() : null;
    }

    /** The label names of a gold label: {@code {"choice": …}} or {@code {"choices": […]}}; empty if neither. */
    public Set<String> namesOf(JsonNode label) {
        Set<String> names = new LinkedHashSet<>();
        if (label == null) {
            return names;
        }
        if (shape == TaskShape.SINGLE_LABEL && label.path("choice").isTextual()) {
            names.add(label.get("choice").asText());
        } else if (shape == TaskShape.MULTI_LABEL && label.path("choices").isArray()) {
            label.get("choices").forEach(choice -> names.add(choice.asText()));
        }
        return names;
    }

    /** The project's label shape for predicted names. */
    public JsonNode labelOf(Set<String> names) {
        ObjectNode label = JsonNodeFactory.instance.objectNode();
        if (shape == TaskShape.SINGLE_LABEL) {
            label.put("choice", names.iterator().next());
        } else {
            ArrayNode choices = label.putArray("choices");
            labelSet.stream().filter(names::contains).forEach(choices::add);
        }
        return label;
    }

    /** A comparable form of predicted names, stored to tell whether an item's predicted label changed. */
    public String keyOf(Set<String> names) {
        return String.join("\u001f", new java.util.TreeSet<>(names));
    }
}
