package io.labelstream.ingestion.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.labels.LabelValidator;
import io.labelstream.contracts.labels.LabelValidators;
import io.labelstream.contracts.project.LabelingSchema;

import java.util.ArrayList;
import java.util.List;

/** Everything an item must satisfy to be stored in a project, apart from its size. */
public final class ItemRules {

    public static final int MAX_EXTERNAL_ID_LENGTH = 512;

    private static final String REFERENCE_ANSWER = "referenceAnswer";
    // a reference answer is a label: the same validators as for annotations, so gold and labels never disagree
    private static final LabelValidators LABEL_VALIDATORS = new LabelValidators();

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
            violations.add(new Violation(REFERENCE_ANSWER, "a qualification item needs a reference answer"));
        }
        if (item.gold() && dataViolations.isEmpty()) {
            violations.addAll(referenceAnswerViolations(schema, item.data(), item.referenceAnswer()));
        }
        return violations;
    }

    private static List<Violation> referenceAnswerViolations(LabelingSchema schema, JsonNode data, JsonNode answer) {
        LabelValidator validator = LABEL_VALIDATORS.forType(schema.taskType());
        return validator.validate(answer, schema, validator.needsItemData() ? data : null).stream()
                .map(violation -> violation.rootedAt(REFERENCE_ANSWER))
                .map(violation -> new Violation(violation.field(), violation.reason()))
                .toList();
    }
}
