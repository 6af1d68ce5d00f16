package io.labelstream.contracts.labels;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.project.LabelDefinition;
import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.SchemaConstraints;
import io.labelstream.contracts.project.TaskType;

import java.util.List;

/** Builders for the validator tests. */
final class Labels {

    private Labels() {
    }

    static JsonNode json(String json) {
        try {
            return EventCodec.mapper().readTree(json.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    static LabelingSchema schema(TaskType type, SchemaConstraints constraints, String... labels) {
        return new LabelingSchema(type, List.of(labels).stream().map(l -> new LabelDefinition(l, null, null)).toList(),
                constraints);
    }

    static SchemaConstraints constraints() {
        return SchemaConstraints.none();
    }

    static SchemaConstraints multi(Integer min, Integer max, List<List<String>> exclusive) {
        return new SchemaConstraints(min, max, exclusive, null, null, null, null, null, null, null, null);
    }

    static SchemaConstraints regions(Integer max, Boolean overlap, Double minWidth, Double minHeight) {
        return new SchemaConstraints(null, max, null, overlap, minWidth, minHeight, null, null, null, null, null);
    }

    static SchemaConstraints scale(Double min, Double max, Double step, List<String> levels) {
        return new SchemaConstraints(null, null, null, null, null, null, min, max, step, levels, null);
    }

    static SchemaConstraints ties(boolean allowed) {
        return new SchemaConstraints(null, null, null, null, null, null, null, null, null, null, allowed);
    }
}
