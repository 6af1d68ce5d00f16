package io.labelstream.contracts.labels;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.TaskType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code {"ranking": ["b", "a", "c"]}} best first, or in tiers {@code [["b", "a"], ["c"]]}: a permutation
 * of exactly the item's candidates; a tier of more than one id (a tie) only if the schema allows ties.
 */
public final class RankingValidator implements LabelValidator {

    @Override
    public TaskType taskType() {
        return TaskType.RANKING;
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
        String field = LabelFields.path("ranking");
        JsonNode ranking = LabelFields.requiredArray(label, "ranking", field, violations);
        if (ranking == null) {
            return violations;
        }
        List<String> ids = Candidates.idsOf(itemData, field, violations);
        if (ids == null) {
            return violations;
        }
        boolean tiesAllowed = Boolean.TRUE.equals(schema.constraintsOrNone().allowTies());
        Set<String> ranked = new HashSet<>();
        for (int i = 0; i < ranking.size(); i++) {
            JsonNode entry = ranking.get(i);
            String entryField = LabelFields.path("ranking", i);
            if (entry.isTextual()) {
                rank(entry.textValue(), entryField, ids, ranked, violations);
            } else if (entry.isArray()) {
                if (entry.isEmpty()) {
                    violations.add(new LabelViolation(entryField, "a tier must name at least one candidate"));
                } else if (entry.size() > 1 && !tiesAllowed) {
                    violations.add(new LabelViolation(entryField,
                            "ranks " + entry.size() + " candidates equally and the schema does not allow ties"));
                }
                for (int j = 0; j < entry.size(); j++) {
                    JsonNode id = entry.get(j);
                    String idField = entryField + "[" + j + "]";
                    if (id.isTextual()) {
                        rank(id.textValue(), idField, ids, ranked, violations);
                    } else {
                        violations.add(new LabelViolation(idField, "must be a candidate id (a string)"));
                    }
                }
            } else {
                violations.add(new LabelViolation(entryField, "must be a candidate id or an array of tied ids"));
            }
        }
        List<String> missing = ids.stream().filter(id -> !ranked.contains(id)).toList();
        if (!missing.isEmpty()) {
            violations.add(new LabelViolation(field, "candidates " + missing + " are not ranked"));
        }
        return violations;
    }

    private static void rank(String id, String field, List<String> ids, Set<String> ranked,
                             List<LabelViolation> violations) {
        if (!ids.contains(id)) {
            violations.add(new LabelViolation(field, "'" + id + "' is not one of the candidates " + ids));
        } else if (!ranked.add(id)) {
            violations.add(new LabelViolation(field, "'" + id + "' is ranked more than once"));
        }
    }
}
