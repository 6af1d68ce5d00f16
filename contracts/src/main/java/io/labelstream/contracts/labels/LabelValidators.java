package io.labelstream.contracts.labels;

import io.labelstream.contracts.project.TaskType;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The validator of each task type. */
public final class LabelValidators {

    private final Map<TaskType, LabelValidator> byType = new EnumMap<>(TaskType.class);

    public LabelValidators() {
        for (LabelValidator validator : List.of(new SingleLabelValidator(), new MultiLabelValidator(),
                new SpanValidator(), new BoxValidator(), new PreferenceValidator(), new RankingValidator(),
                new RatingValidator())) {
            byType.put(validator.taskType(), validator);
        }
    }

    public LabelValidator forType(TaskType type) {
        LabelValidator validator = byType.get(type);
        if (validator == null) {
            throw new IllegalArgumentException("no label validator for task type " + type);
        }
        return validator;
    }
}
