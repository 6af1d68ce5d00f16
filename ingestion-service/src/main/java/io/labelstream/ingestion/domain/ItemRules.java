package io.labelstream.ingestion.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.project.LabelingSchema;

import java.util.ArrayList;
import java.util.List;

/** Everything an item must satisfy to be stored in a project, apart from its size. */
public final class ItemRules {

    public static final int MAX_EXTERNAL_ID_LENGTH = 512;

    private ItemRules() {
    }

    public static List<Violation> validate(LabelingSchema schema, ItemSubmission item) {
        List<Violation> violations = new ArrayList<>();
        String externalId = item.externalId();
        if (externalId != null && (externalId.isBlank() || externalId.length() > MAX_EXTERNAL_ID_LENGTH)) {
            violations.add(new Violation("externalId", "must be 1.." + MAX_EXTERNAL_ID_LENGTH + " characters"));
        }
        JsonNode metadata = item.metadata();
        if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
            violations.add(new Violation("metadata", "must be an object"));
        }
        List<Violation> dataViolations = ItemDataValidator.validate(schema.taskType(), item.data());
        violations.addAll(dataViolations);
        if (item.qualification() && !item.gold()) {
            violations.add(new Violation("referenceAnswer", "a qualification item needs a reference answer"));
        }
        if (item.gold() && dataViolations.isEmpty()) {
            violations.addAll(ReferenceAnswerValidator.validate(schema, item.data(), item.referenceAnswer()));
        }
        return violations;
    }
}
