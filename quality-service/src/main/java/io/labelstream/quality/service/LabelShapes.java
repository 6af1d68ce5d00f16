package io.labelstream.quality.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labelstream.contracts.MalformedEventException;
import io.labelstream.contracts.project.TaskType;
import io.labelstream.quality.domain.structured.Box;
import io.labelstream.quality.domain.structured.Span;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Reads the label JSON of each task type (see the labels guide) into what the algorithms take. */
public final class LabelShapes {

    private LabelShapes() {
    }

    /** Whether items of the type are decided by a vote over categories. */
    public static boolean categorical(TaskType type) {
        return type == TaskType.SINGLE_LABEL || type == TaskType.RATING || type == TaskType.PREFERENCE;
    }

    /** The label as one category for categorical task types; null for structured ones. */
    public static String category(TaskType type, JsonNode label) {
        return switch (type) {
            case SINGLE_LABEL -> text(label, "choice");
            case PREFERENCE -> text(label, "preferred");
            case RATING -> {
                JsonNode rating = field(label, "rating");
                yield rating.isNumber() ? rating.decimalValue().stripTrailingZeros().toPlainString() : rating.asText();
            }
            default -> null;
        };
    }

    /**
     * The label of a categorical task type that has {@code category} as its category: the inverse of
     * {@link #category}, for a consensus no label of the item gave.
     */
    public static JsonNode labelOf(TaskType type, String category) {
        ObjectNode label = JsonNodeFactory.instance.objectNode();
        switch (type) {
            case SINGLE_LABEL -> label.put("choice", category);
            case PREFERENCE -> label.put("preferred", category);
            case RATING -> {
                try {
                    label.put("rating", new BigDecimal(category));
                } catch (NumberFormatException notANumber) {
                    label.put("rating", category);
                }
            }
            default -> throw new IllegalArgumentException(type + " has no categories");
        }
        return label;
    }

    /** The task type a label's shape implies, for labels whose project is not known yet. */
    public static TaskType taskTypeOf(JsonNode label) {
        if (label.has("choice")) {
            return TaskType.SINGLE_LABEL;
        } else if (label.has("choices")) {
            return TaskType.MULTI_LABEL;
        } else if (label.has("spans")) {
            return TaskType.SPANS;
        } else if (label.has("boxes")) {
            return TaskType.BOXES;
        } else if (label.has("preferred")) {
            return TaskType.PREFERENCE;
        } else if (label.has("ranking")) {
            return TaskType.RANKING;
        } else if (label.has("rating")) {
            return TaskType.RATING;
        }
        throw new MalformedEventException("label has no field of any task type: " + label);
    }

    public static List<Span> spans(JsonNode label) {
        List<Span> spans = new ArrayList<>();
        for (JsonNode span : array(label, "spans")) {
            spans.add(new Span(span.path("start").asInt(), span.path("end").asInt(), span.path("label").asText()));
        }
        return spans;
    }

    public static List<Box> boxes(JsonNode label) {
        List<Box> boxes = new ArrayList<>();
        for (JsonNode box : array(label, "boxes")) {
            boxes.add(new Box(box.path("x").asDouble(), box.path("y").asDouble(), box.path("width").asDouble(),
                    box.path("height").asDouble(), box.path("label").asText()));
        }
        return boxes;
    }

    /** Sorted choices of a multi-label answer. */
    public static TreeSet<String> choices(JsonNode label) {
        TreeSet<String> choices = new TreeSet<>();
        array(label, "choices").forEach(choice -> choices.add(choice.asText()));
        return choices;
    }

    /** A ranking as tiers, best first; a flat ranking is one candidate per tier. */
    public static List<List<String>> rankingTiers(JsonNode label) {
        List<List<String>> tiers = new ArrayList<>();
        for (JsonNode entry : array(label, "ranking")) {
            List<String> tier = new ArrayList<>();
            if (entry.isArray()) {
                entry.forEach(id -> tier.add(id.asText()));
            } else {
                tier.add(entry.asText());
            }
            tiers.add(tier);
        }
        return tiers;
    }

    /** Numeric value of a rating on a numeric scale, or its position on an ordinal scale. */
    public static BigDecimal numericRating(JsonNode label) {
        JsonNode rating = field(label, "rating");
        return rating.isNumber() ? rating.decimalValue() : null;
    }

    private static String text(JsonNode label, String name) {
        JsonNode value = field(label, name);
        if (!value.isValueNode()) {
            throw new MalformedEventException("label field " + name + " is not a value");
        }
        return value.asText();
    }

    private static JsonNode field(JsonNode label, String name) {
        JsonNode value = label.get(name);
        if (value == null || value.isNull()) {
            throw new MalformedEventException("label lacks " + name + ": " + label);
        }
        return value;
    }

    private static JsonNode array(JsonNode label, String name) {
        JsonNode value = field(label, name);
        if (!value.isArray()) {
            throw new MalformedEventException("label field " + name + " is not an array");
        }
        return value;
    }
}
