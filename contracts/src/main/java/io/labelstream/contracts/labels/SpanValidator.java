package io.labelstream.contracts.labels;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.SchemaConstraints;
import io.labelstream.contracts.project.TaskType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code {"spans": [{"start": 0, "end": 5, "label": "PER", "text": "Alice"}]}} over {@code data.text}.
 * Offsets count Unicode code points (not UTF-16 units), start inclusive, end exclusive, so that clients
 * in any language agree on them: {@code 0 <= start < end <= length}; a quoted {@code text} must equal
 * the covered text; spans overlap only if the schema allows it.
 */
public final class SpanValidator implements LabelValidator {

    @Override
    public TaskType taskType() {
        return TaskType.SPANS;
    }

    @Override
    public boolean needsItemData() {
        return true;
    }

    @Override
    public List<LabelViolation> validate(JsonNode label, LabelingSchema schema, JsonNode itemData) {
        List<LabelViolation> violations = new ArrayList<>();
        if (!LabelFields.isObject(label, violations)) {
            return violations;
        }
        JsonNode spans = LabelFields.requiredArray(label, "spans", LabelFields.path("spans"), violations);
        if (spans == null) {
            return violations;
        }
        JsonNode textNode = itemData == null ? null : itemData.get("text");
        if (textNode == null || !textNode.isTextual()) {
            violations.add(new LabelViolation(LabelFields.path("spans"), "the item has no text to mark spans in"));
            return violations;
        }
        String text = textNode.textValue();
        int length = text.codePointCount(0, text.length());
        SchemaConstraints constraints = schema.constraintsOrNone();
        LabelFields.requireAtMost(spans.size(), constraints.maxLabels(), "spans", LabelFields.path("spans"), violations);

        List<Region> regions = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            Region region = checkSpan(spans.get(i), i, text, length, schema.labelNames(), violations);
            if (region != null) {
                regions.add(region);
            }
        }
        if (!Boolean.TRUE.equals(constraints.allowOverlap())) {
            reportOverlaps(regions, violations);
        }
        return violations;
    }

    private static Region checkSpan(JsonNode span, int index, String text, int length, List<String> labelSet,
                                    List<LabelViolation> violations) {
        if (!span.isObject()) {
            violations.add(new LabelViolation(LabelFields.path("spans", index), "must be a JSON object"));
            return null;
        }
        String labelField = LabelFields.path("spans", index, "label");
        String name = LabelFields.requiredText(span, "label", labelField, violations);
        if (name != null) {
            LabelFields.requireInLabelSet(name, labelSet, labelField, violations);
        }
        String startField = LabelFields.path("spans", index, "start");
        String endField = LabelFields.path("spans", index, "end");
        Long start = LabelFields.requiredInteger(span, "start", startField, violations);
        Long end = LabelFields.requiredInteger(span, "end", endField, violations);
        if (start == null || end == null) {
            return null;
        }
        boolean inside = true;
        if (start < 0) {
            violations.add(new LabelViolation(startField, "start " + start + " is negative"));
            inside = false;
        }
        if (end > length) {
            violations.add(new LabelViolation(endField, "end " + end + " is beyond the text length " + length));
            inside = false;
        }
        if (start >= end) {
            violations.add(new LabelViolation(endField, "end " + end + " must be greater than start " + start));
            return null;
        }
        if (!inside) {
            return null;
        }
        JsonNode quoted = span.get("text");
        if (quoted != null && !quoted.isNull()) {
            String covered = text.substring(text.offsetByCodePoints(0, start.intValue()),
                    text.offsetByCodePoints(0, end.intValue()));
            if (!quoted.isTextual()) {
                violations.add(new LabelViolation(LabelFields.path("spans", index, "text"), "must be a string"));
            } else if (!quoted.textValue().equals(covered)) {
                violations.add(new LabelViolation(LabelFields.path("spans", index, "text"),
                        "'" + quoted.textValue() + "' does not match the text at " + start + ".." + end
                                + ", which is '" + covered + "'"));
            }
        }
        return new Region(index, start, end);
    }

    private static void reportOverlaps(List<Region> regions, List<LabelViolation> violations) {
        List<Region> byStart = regions.stream()
                .sorted(Comparator.comparingLong(Region::start).thenComparingInt(Region::index)).toList();
        Region furthest = null;
        for (Region region : byStart) {
            if (furthest != null && region.start() < furthest.end()) {
                int later = Math.max(region.index(), furthest.index());
                int earlier = Math.min(region.index(), furthest.index());
                violations.add(new LabelViolation(LabelFields.path("spans", later),
                        "overlaps span [" + earlier + "] and the schema does not allow overlapping spans"));
            }
            if (furthest == null || region.end() > furthest.end()) {
                furthest = region;
            }
        }
    }

    private record Region(int index, long start, long end) {
    }
}
