package io.labelstream.ingestion.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.project.LabelDefinition;
import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.SchemaConstraints;
import io.labelstream.contracts.project.TaskType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReferenceAnswerValidatorTest {

    private static final JsonNode TEXT = json("{\"text\": \"Alice met Bob\"}");
    private static final JsonNode CANDIDATES = json("{\"candidates\": [{\"id\": \"a\", \"text\": \"x\"}, {\"id\": \"b\", \"text\": \"y\"}, {\"id\": \"c\", \"text\": \"z\"}]}");

    @Test
    void spansMustMatchTheTextAndNotOverlapUnlessAllowed() {
        LabelingSchema schema = schema(TaskType.SPANS, SchemaConstraints.none());
        assertThat(validate(schema, TEXT, "{\"spans\": [{\"start\": 0, \"end\": 5, \"label\": \"PER\", \"text\": \"Alice\"}]}")).isEmpty();
        assertThat(fields(schema, TEXT, "{\"spans\": [{\"start\": 0, \"end\": 5, \"label\": \"PER\", \"text\": \"Alicx\"}]}"))
                .containsExactly("referenceAnswer.spans[0].text");
        assertThat(fields(schema, TEXT, "{\"spans\": [{\"start\": 0, \"end\": 50, \"label\": \"PER\"}]}"))
                .containsExactly("referenceAnswer.spans[0]");
        assertThat(fields(schema, TEXT, "{\"spans\": [{\"start\": 0, \"end\": 5, \"label\": \"PER\"}, {\"start\": 3, \"end\": 9, \"label\": \"LOC\"}]}"))
                .containsExactly("referenceAnswer.spans");
        assertThat(fields(schema, TEXT, "{\"spans\": [{\"start\": 0, \"end\": 5, \"label\": \"ORG\"}]}"))
                .containsExactly("referenceAnswer.spans[0].label");
    }

    @Test
    void multiLabelRespectsBoundsAndExclusiveGroups() {
        LabelingSchema schema = schema(TaskType.MULTI_LABEL, new SchemaConstraints(1, 2, List.of(List.of("PER", "LOC")),
                null, null, null, null, null, null, null, null));
        assertThat(validate(schema, TEXT, "{\"choices\": [\"PER\"]}")).isEmpty();
        assertThat(validate(schema, TEXT, "{\"choices\": []}")).hasSize(1);
        assertThat(validate(schema, TEXT, "{\"choices\": [\"PER\", \"LOC\"]}")).extracting(Violation::reason)
                .anyMatch(r -> r.contains("mutually exclusive"));
        assertThat(validate(schema, TEXT, "{\"choices\": [\"PER\", \"PER\"]}")).isNotEmpty();
    }

    @Test
    void rankingNamesEveryCandidateOnceAndTiesOnlyWhenAllowed() {
        LabelingSchema schema = new LabelingSchema(TaskType.RANKING, List.of(), SchemaConstraints.none());
        assertThat(validate(schema, CANDIDATES, "{\"ranking\": [\"b\", \"a\", \"c\"]}")).isEmpty();
        assertThat(validate(schema, CANDIDATES, "{\"ranking\": [\"b\", \"a\"]}")).isNotEmpty();
        assertThat(validate(schema, CANDIDATES, "{\"ranking\": [[\"b\", \"a\"], [\"c\"]]}")).isNotEmpty();
        LabelingSchema ties = new LabelingSchema(TaskType.RANKING, List.of(),
                new SchemaConstraints(null, null, null, null, null, null, null, null, null, null, true));
        assertThat(validate(ties, CANDIDATES, "{\"ranking\": [[\"b\", \"a\"], [\"c\"]]}")).isEmpty();
        LabelingSchema preference = new LabelingSchema(TaskType.PREFERENCE, List.of(), null);
        assertThat(validate(preference, CANDIDATES, "{\"preferred\": \"d\"}")).isNotEmpty();
    }

    @Test
    void ratingsLieOnTheScale() {
        LabelingSchema numeric = new LabelingSchema(TaskType.RATING, List.of(),
                new SchemaConstraints(null, null, null, null, null, null, 1.0, 5.0, 0.5, null, null));
        assertThat(validate(numeric, TEXT, "{\"rating\": 4.5}")).isEmpty();
        assertThat(validate(numeric, TEXT, "{\"rating\": 4.2}")).isNotEmpty();
        assertThat(validate(numeric, TEXT, "{\"rating\": 6}")).isNotEmpty();
        LabelingSchema ordinal = new LabelingSchema(TaskType.RATING, List.of(),
                new SchemaConstraints(null, null, null, null, null, null, null, null, null, List.of("bad", "good"), null));
        assertThat(validate(ordinal, TEXT, "{\"rating\": \"good\"}")).isEmpty();
        assertThat(validate(ordinal, TEXT, "{\"rating\": \"great\"}")).isNotEmpty();
    }

    @Test
    void boxesStayInsideTheImageAndAboveTheMinimumSize() {
        LabelingSchema schema = schema(TaskType.BOXES, new SchemaConstraints(null, null, null, null, 5.0, 5.0,
                null, null, null, null, null));
        JsonNode image = json("{\"imageUrl\": \"https://x/1.jpg\", \"width\": 100, \"height\": 50}");
        assertThat(validate(schema, image, "{\"boxes\": [{\"x\": 10, \"y\": 10, \"width\": 20, \"height\": 20, \"label\": \"PER\"}]}")).isEmpty();
        assertThat(validate(schema, image, "{\"boxes\": [{\"x\": 90, \"y\": 10, \"width\": 20, \"height\": 20, \"label\": \"PER\"}]}")).isNotEmpty();
        assertThat(validate(schema, image, "{\"boxes\": [{\"x\": 1, \"y\": 1, \"width\": 2, \"height\": 20, \"label\": \"PER\"}]}"))
                .extracting(Violation::field).containsExactly("referenceAnswer.boxes[0].width");
    }

    private static LabelingSchema schema(TaskType type, SchemaConstraints constraints) {
        return new LabelingSchema(type, List.of(new LabelDefinition("PER", null, null), new LabelDefinition("LOC", null, null)),
                constraints);
    }

    private static List<Violation> validate(LabelingSchema schema, JsonNode data, String answer) {
        return ReferenceAnswerValidator.validate(schema, data, json(answer));
    }

    private static List<String> fields(LabelingSchema schema, JsonNode data, String answer) {
        return validate(schema, data, answer).stream().map(Violation::field).toList();
    }

    private static JsonNode json(String text) {
        try {
            return EventCodec.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
