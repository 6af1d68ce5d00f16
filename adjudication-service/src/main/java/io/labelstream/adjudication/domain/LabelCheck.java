package io.labelstream.adjudication.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.project.LabelingSchema;

import java.util.Optional;

/**
 * The checks a reviewer's label must pass before it becomes gold: the label is an object of the project's
 * task type, naming only labels of its label set. Finer geometry rules (offsets, box bounds) were enforced
 * on the annotations the reviewer chooses from.
 */
public final class LabelCheck {

    private LabelCheck() {
    }

    /** The reason the label is unacceptable, or empty when it is fine. */
    public static Optional<String> problem(JsonNode label, LabelingSchema schema) {
        if (label == null || !label.isObject()) {
            return Optional.of("must be a JSON object shaped for the project's task type");
        }
        if (schema == null || schema.taskType() == null) {
            return Optional.empty();
        }
        return switch (schema.taskType()) {
            case SINGLE_LABEL -> known(label.get("choice"), schema, "choice");
            case MULTI_LABEL -> eachKnown(label.get("choices"), schema, "choices", null);
            case SPANS -> eachKnown(label.get("spans"), schema, "spans", "label");
            case BOXES -> eachKnown(label.get("boxes"), schema, "boxes", "label");
            case PREFERENCE -> present(label, "preferred");
            case RANKING -> label.path("ranking").isArray() ? Optional.empty() : Optional.of("ranking must be an array");
            case RATING -> present(label, "rating");
        };
    }

    private static Optional<String> present(JsonNode label, String field) {
        JsonNode value = label.get(field);
        return value == null || value.isNull() ? Optional.of(field + " is required") : Optional.empty();
    }

    private static Optional<String> known(JsonNode name, LabelingSchema schema, String field) {
        if (name == null || !name.isTextual()) {
            return Optional.of(field + " must be a label name");
        }
        return schema.hasLabel(name.asText()) ? Optional.empty()
                : Optional.of(field + " '" + name.asText() + "' is not in the label set " + schema.labelNames());
    }

    private static Optional<String> eachKnown(JsonNode array, LabelingSchema schema, String field, String nameField) {
        if (array == null || !array.isArray()) {
            return Optional.of(field + " must be an array");
        }
        for (JsonNode element : array) {
            Optional<String> problem = known(nameField == null ? element : element.get(nameField), schema,
                    nameField == null ? field : field + "[]." + nameField);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }
}
