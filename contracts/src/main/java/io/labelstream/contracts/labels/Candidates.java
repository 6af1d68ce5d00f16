package io.labelstream.contracts.labels;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** The candidate ids of a preference or ranking item, {@code data.candidates[].id}. */
final class Candidates {

    private Candidates() {
    }

    /** The ids in item order, or null (with a violation on {@code field}) when the item has none. */
    static List<String> idsOf(JsonNode itemData, String field, List<LabelViolation> violations) {
        JsonNode candidates = itemData == null ? null : itemData.get("candidates");
        if (candidates == null || !candidates.isArray() || candidates.isEmpty()) {
            violations.add(new LabelViolation(field, "the item has no candidates to choose from"));
            return null;
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode candidate : candidates) {
            JsonNode id = candidate.get("id");
            if (id != null && id.isTextual()) {
                ids.add(id.textValue());
            }
        }
        return ids;
    }
}
