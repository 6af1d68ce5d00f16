package io.labelstream.ingestion.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.SchemaConstraints;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a gold item's reference answer against its project's schema and the item's data, with the
 * rules of the labels-and-items guide. Fields are named from {@code referenceAnswer}.
 */
public final class ReferenceAnswerValidator {

    private static final String ROOT = "referenceAnswer";
    private static final double STEP_TOLERANCE = 1e-9;

    private ReferenceAnswerValidator() {
    }

    public static List<Violation> validate(LabelingSchema schema, JsonNode data, JsonNode answer) {
        List<Violation> violations = new ArrayList<>();
        if (answer == null || !answer.isObject()) {
            violations.add(new Violation(ROOT, "must be an object"));
            return violations;
        }
        SchemaConstraints constraints = schema.constraintsOrNone();
        switch (schema.taskType()) {
            case SINGLE_LABEL -> singleLabel(schema, answer, violations);
            case MULTI_LABEL -> multiLabel(schema, constraints, answer, violations);
            case SPANS -> spans(schema, constraints, data, answer, violations);
            case BOXES -> boxes(schema, constraints, data, answer, violations);
            case PREFERENCE -> preference(data, answer, violations);
            case RANKING -> ranking(constraints, data, answer, violations);
            case RATING -> rating(constraints, answer, violations);
        }
        return violations;
    }

    private static void singleLabel(LabelingSchema schema, JsonNode answer, List<Violation> violations) {
        JsonNode choice = answer.get("choice");
        if (choice == null || !choice.isTextual()) {
            violations.add(new Violation(ROOT + ".choice", "must be a label name"));
        } else {
            requireLabel(schema, choice.textValue(), ROOT + ".choice", violations);
        }
    }

    private static void multiLabel(LabelingSchema schema, SchemaConstraints constraints, JsonNode answer,
                                   List<Violation> violations) {
        JsonNode choices = answer.get("choices");
        String path = ROOT + ".choices";
        if (choices == null || !choices.isArray()) {
            violations.add(new Violation(path, "must be an array of label names"));
            return;
        }
        Set<String> chosen = new HashSet<>();
        for (int i = 0; i < choices.size(); i++) {
            JsonNode choice = choices.get(i);
            if (!choice.isTextual()) {
                violations.add(new Violation(path + "[" + i + "]", "must be a label name"));
            } else if (!chosen.add(choice.textValue())) {
                violations.add(new Violation(path + "[" + i + "]", "repeats " + choice.textValue()));
            } else {
                requireLabel(schema, choice.textValue(), path + "[" + i + "]", violations);
            }
        }
        if (constraints.minLabels() != null && choices.size() < constraints.minLabels()) {
            violations.add(new Violation(path, "needs at least " + constraints.minLabels() + " labels"));
        }
        if (constraints.maxLabels() != null && choices.size() > constraints.maxLabels()) {
            violations.add(new Violation(path, "allows at most " + constraints.maxLabels() + " labels"));
        }
        if (constraints.exclusiveGroups() != null) {
            for (List<String> group : constraints.exclusiveGroups()) {
                long inGroup = group.stream().filter(chosen::contains).count();
                if (inGroup > 1) {
                    violations.add(new Violation(path, "labels " + group + " are mutually exclusive"));
                }
            }
        }
    }

    private static void spans(LabelingSchema schema, SchemaConstraints constraints, JsonNode data, JsonNode answer,
                              List<Violation> violations) {
        JsonNode spans = answer.get("spans");
        String path = ROOT + ".spans";
        if (spans == null || !spans.isArray()) {
            violations.add(new Violation(path, "must be an array of spans"));
            return;
        }
        String text = data.path("text").asText("");
        List<int[]> valid = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            JsonNode span = spans.get(i);
            String at = path + "[" + i + "]";
            JsonNode start = span.get("start");
            JsonNode end = span.get("end");
            if (start == null || !start.isIntegralNumber() || end == null || !end.isIntegralNumber()) {
                violations.add(new Violation(at, "needs integer start and end"));
                continue;
            }
            int from = start.intValue();
            int to = end.intValue();
            if (from < 0 || from >= to || to > text.length()) {
                violations.add(new Violation(at, "needs 0 <= start < end <= " + text.length()));
                continue;
            }
            JsonNode spanText = span.get("text");
            if (spanText != null && !spanText.isNull() && !text.substring(from, to).equals(spanText.asText())) {
                violations.add(new Violation(at + ".text", "is not the text at " + from + ".." + to));
            }
            requireLabelField(schema, span, at, violations);
            valid.add(new int[] {from, to});
        }
        if (!Boolean.TRUE.equals(constraints.allowOverlap())) {
            valid.sort(Comparator.comparingInt(s -> s[0]));
            for (int i = 1; i < valid.size(); i++) {
                if (valid.get(i)[0] < valid.get(i - 1)[1]) {
                    violations.add(new Violation(path, "spans overlap, which the schema does not allow"));
                    break;
                }
            }
        }
        requireAtMost(constraints, spans.size(), path, "spans", violations);
    }

    private static void boxes(LabelingSchema schema, SchemaConstraints constraints, JsonNode data, JsonNode answer,
                              List<Violation> violations) {
        JsonNode boxes = answer.get("boxes");
        String path = ROOT + ".boxes";
        if (boxes == null || !boxes.isArray()) {
            violations.add(new Violation(path, "must be an array of boxes"));
            return;
        }
        double imageWidth = data.path("width").asDouble();
        double imageHeight = data.path("height").asDouble();
        for (int i = 0; i < boxes.size(); i++) {
            JsonNode box = boxes.get(i);
            String at = path + "[" + i + "]";
            if (!box.path("x").isNumber() || !box.path("y").isNumber() || !box.path("width").isNumber()
                    || !box.path("height").isNumber()) {
                violations.add(new Violation(at, "needs numeric x, y, width and height"));
                continue;
            }
            double x = box.get("x").doubleValue();
            double y = box.get("y").doubleValue();
            double width = box.get("width").doubleValue();
            double height = box.get("height").doubleValue();
            if (x < 0 || y < 0 || x + width > imageWidth || y + height > imageHeight) {
                violations.add(new Violation(at, "lies outside the " + (long) imageWidth + "x" + (long) imageHeight
                        + " image"));
            }
            if (!atLeast(width, constraints.minBoxWidth())) {
                violations.add(new Violation(at + ".width", "is below the minimum box width"));
            }
            if (!atLeast(height, constraints.minBoxHeight())) {
                violations.add(new Violation(at + ".height", "is below the minimum box height"));
            }
            requireLabelField(schema, box, at, violations);
        }
        requireAtMost(constraints, boxes.size(), path, "boxes", violations);
    }

    private static boolean atLeast(double size, Double minimum) {
        return minimum == null ? size > 0 : size >= minimum && size > 0;
    }

    private static void preference(JsonNode data, JsonNode answer, List<Violation> violations) {
        JsonNode preferred = answer.get("preferred");
        if (preferred == null || !preferred.isTextual()) {
            violations.add(new Violation(ROOT + ".preferred", "must be a candidate id"));
        } else if (!candidateIds(data).contains(preferred.textValue())) {
            violations.add(new Violation(ROOT + ".preferred", "is not a candidate of the item: " + preferred.textValue()));
        }
    }

    private static void ranking(SchemaConstraints constraints, JsonNode data, JsonNode answer,
                                List<Violation> violations) {
        JsonNode ranking = answer.get("ranking");
        String path = ROOT + ".ranking";
        if (ranking == null || !ranking.isArray() || ranking.isEmpty()) {
            violations.add(new Violation(path, "must be a non-empty array of candidate ids"));
            return;
        }
        List<String> ranked = new ArrayList<>();
        for (int i = 0; i < ranking.size(); i++) {
            JsonNode tier = ranking.get(i);
            if (tier.isTextual()) {
                ranked.add(tier.textValue());
            } else if (tier.isArray() && !tier.isEmpty()) {
                if (tier.size() > 1 && !Boolean.TRUE.equals(constraints.allowTies())) {
                    violations.add(new Violation(path + "[" + i + "]", "ties are not allowed by the schema"));
                }
                tier.forEach(id -> ranked.add(id.asText()));
            } else {
                violations.add(new Violation(path + "[" + i + "]", "must be a candidate id or a tier of ids"));
            }
        }
        List<String> candidates = candidateIds(data);
        if (ranked.size() != candidates.size() || !new HashSet<>(ranked).equals(new HashSet<>(candidates))) {
            violations.add(new Violation(path, "must name every candidate " + candidates + " exactly once"));
        }
    }

    private static void rating(SchemaConstraints constraints, JsonNode answer, List<Violation> violations) {
        JsonNode rating = answer.get("rating");
        String path = ROOT + ".rating";
        if (constraints.scaleLabels() != null && !constraints.scaleLabels().isEmpty()) {
            if (rating == null || !rating.isTextual() || !constraints.scaleLabels().contains(rating.textValue())) {
                violations.add(new Violation(path, "must be one of " + constraints.scaleLabels()));
            }
            return;
        }
        if (rating == null || !rating.isNumber()) {
            violations.add(new Violation(path, "must be a number"));
            return;
        }
        double value = rating.doubleValue();
        if (value < constraints.scaleMin() || value > constraints.scaleMax()) {
            violations.add(new Violation(path, "must lie between " + constraints.scaleMin() + " and "
                    + constraints.scaleMax()));
        } else if (constraints.scaleStep() != null && constraints.scaleStep() > 0) {
            double steps = (value - constraints.scaleMin()) / constraints.scaleStep();
            if (Math.abs(steps - Math.rint(steps)) > STEP_TOLERANCE) {
                violations.add(new Violation(path, "must be " + constraints.scaleMin() + " plus a multiple of "
                        + constraints.scaleStep()));
            }
        }
    }

    private static void requireLabelField(LabelingSchema schema, JsonNode region, String at, List<Violation> violations) {
        JsonNode label = region.get("label");
        if (label == null || !label.isTextual()) {
            violations.add(new Violation(at + ".label", "must be a label name"));
        } else {
            requireLabel(schema, label.textValue(), at + ".label", violations);
        }
    }

    private static void requireLabel(LabelingSchema schema, String name, String path, List<Violation> violations) {
        if (!schema.hasLabel(name)) {
            violations.add(new Violation(path, "unknown label " + name + "; the schema has " + schema.labelNames()));
        }
    }

    private static void requireAtMost(SchemaConstraints constraints, int count, String path, String what,
                                      List<Violation> violations) {
        if (constraints.maxLabels() != null && count > constraints.maxLabels()) {
            violations.add(new Violation(path, "allows at most " + constraints.maxLabels() + " " + what));
        }
    }

    private static List<String> candidateIds(JsonNode data) {
        List<String> ids = new ArrayList<>();
        data.path("candidates").forEach(c -> ids.add(c.path("id").asText()));
        return ids;
    }
}
