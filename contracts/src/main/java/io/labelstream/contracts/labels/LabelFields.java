package io.labelstream.contracts.labels;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** Shape checks shared by the validators; each records a violation and answers whether the value is usable. */
final class LabelFields {

    static final String ROOT = LabelViolation.ROOT;

    private LabelFields() {
    }

    static String path(String field) {
        return ROOT + "." + field;
    }

    static String path(String array, int index) {
        return ROOT + "." + array + "[" + index + "]";
    }

    static String path(String array, int index, String field) {
        return path(array, index) + "." + field;
    }

    /** The label must be a JSON object; anything else cannot be read at all. */
    static boolean isObject(JsonNode label, List<LabelViolation> violations) {
        if (label == null || !label.isObject()) {
            violations.add(new LabelViolation(ROOT, "must be a JSON object"));
            return false;
        }
        return true;
    }

    /** A required array; null when absent or not an array (a violation is recorded). */
    static JsonNode requiredArray(JsonNode parent, String name, String path, List<LabelViolation> violations) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            violations.add(new LabelViolation(path, "is required"));
            return null;
        }
        if (!value.isArray()) {
            violations.add(new LabelViolation(path, "must be an array"));
            return null;
        }
        return value;
    }

    /** A required string; null when absent or not a string (a violation is recorded). */
    static String requiredText(JsonNode parent, String name, String path, List<LabelViolation> violations) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            violations.add(new LabelViolation(path, "is required"));
            return null;
        }
        if (!value.isTextual()) {
            violations.add(new LabelViolation(path, "must be a string"));
            return null;
        }
        return value.textValue();
    }

    /** A required whole number; null when absent or not an integer (a violation is recorded). */
    static Long requiredInteger(JsonNode parent, String name, String path, List<LabelViolation> violations) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            violations.add(new LabelViolation(path, "is required"));
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            violations.add(new LabelViolation(path, "must be a whole number"));
            return null;
        }
        return value.longValue();
    }

    /** A required number; null when absent or not numeric (a violation is recorded). */
    static Double requiredNumber(JsonNode parent, String name, String path, List<LabelViolation> violations) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            violations.add(new LabelViolation(path, "is required"));
            return null;
        }
        if (!value.isNumber()) {
            violations.add(new LabelViolation(path, "must be a number"));
            return null;
        }
        return value.doubleValue();
    }

    static void requireInLabelSet(String name, List<String> labelSet, String path, List<LabelViolation> violations) {
        if (!labelSet.contains(name)) {
            violations.add(new LabelViolation(path, "'" + name + "' is not in the label set " + labelSet));
        }
    }

    /** Regions (spans, boxes) may be bounded by {@code maxLabels}. */
    static void requireAtMost(int count, Integer max, String what, String path, List<LabelViolation> violations) {
        if (max != null && count > max) {
            violations.add(new LabelViolation(path, count + " " + what + " exceed the maximum of " + max));
        }
    }
}
