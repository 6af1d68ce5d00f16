package io.labelstream.adjudication.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.project.LabelDefinition;
import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.TaskType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LabelCheckTest {

    private static LabelingSchema schema(TaskType type) {
        return new LabelingSchema(type, List.of(new LabelDefinition("PER", null, null),
                new LabelDefinition("LOC", null, null)), null);
    }

    private static JsonNode json(String text) throws Exception {
        return EventCodec.mapper().readTree(text);
    }

    @Test
    void singleLabelMustNameALabelOfTheSet() throws Exception {
        assertThat(LabelCheck.problem(json("{\"choice\":\"PER\"}"), schema(TaskType.SINGLE_LABEL))).isEmpty();
        assertThat(LabelCheck.problem(json("{\"choice\":\"ORG\"}"), schema(TaskType.SINGLE_LABEL)))
                .get().asString().contains("ORG");
        assertThat(LabelCheck.problem(json("{}"), schema(TaskType.SINGLE_LABEL))).isPresent();
    }

    @Test
    void labelMustBeAnObject() throws Exception {
        assertThat(LabelCheck.problem(json("\"PER\""), schema(TaskType.SINGLE_LABEL))).isPresent();
        assertThat(LabelCheck.problem(null, schema(TaskType.SINGLE_LABEL))).isPresent();
    }

    @Test
    void spansAndChoicesNameOnlyKnownLabels() throws Exception {
        assertThat(LabelCheck.problem(json("{\"spans\":[{\"start\":0,\"end\":5,\"label\":\"PER\"}]}"),
                schema(TaskType.SPANS))).isEmpty();
        assertThat(LabelCheck.problem(json("{\"spans\":[{\"start\":0,\"end\":5,\"label\":\"ORG\"}]}"),
                schema(TaskType.SPANS))).isPresent();
        assertThat(LabelCheck.problem(json("{\"choices\":[\"PER\",\"LOC\"]}"), schema(TaskType.MULTI_LABEL))).isEmpty();
        assertThat(LabelCheck.problem(json("{\"choices\":\"PER\"}"), schema(TaskType.MULTI_LABEL))).isPresent();
    }
}
