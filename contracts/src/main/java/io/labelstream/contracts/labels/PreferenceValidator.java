package io.labelstream.contracts.labels;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.TaskType;

import java.util.ArrayList;
import java.util.List;

/** {@code {"preferred": "a"}}: the id of one of the item's candidates. */
public final class PreferenceValidator implements LabelValidator {

    @Override
    public TaskType taskType() {
        return TaskType.PREFERENCE;
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
        String field = LabelFields.path("preferred");
        String preferred = LabelFields.requiredText(label, "preferred", field, violations);
        if (preferred == null) {
            return violations;
        }
        List<String> ids = Candidates.idsOf(itemData, field, violations);
        if (ids != null && !ids.contains(preferred)) {
            violations.add(new LabelViolation(field, "'" + preferred + "' is not one of the candidates " + ids));
        }
        return violations;
    }
}
