package io.labelstream.contracts.labels;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.TaskType;

import java.util.List;

/** Checks a label against the project's schema (and, where the task type needs it, the item's data). */
public interface LabelValidator {

    /** The task type whose labels this validator understands. */
    TaskType taskType();

    /** Whether validation needs the item's data (text, image size, candidates). */
    boolean needsItemData();

    /**
     * Every rule the label breaks; empty when it is valid.
     *
     * @param label    the submitted {@code label} object
     * @param schema   the project's schema at the version the task was leased under
     * @param itemData the item's {@code data}, or null when {@link #needsItemData()} is false
     */
    List<LabelViolation> validate(JsonNode label, LabelingSchema schema, JsonNode itemData);
}
