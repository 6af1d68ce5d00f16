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

/**
 * The item rules around a gold item's reference answer. The answer rules themselves are the label
 * validators' (contracts, {@code io.labelstream.contracts.labels}) and are tested there; these tests show
 * that ingestion applies them, to the item's data, with fields named from {@code referenceAnswer}.
 */
class ItemRulesTest {

    private static final JsonNode TEXT = json("{\"text\": \"Alice met Bob\"}");
    private static final JsonNode CANDIDATES = json("{\"candidates\": [{\"id\": \"a\", \"text\": \"x\"}, {\"id\": \"b\", \"text\": \"y\"}, {\"id\": \"c\", \"text\": \"z\"}]}");
    private static final LabelingSchema SPANS = schema(TaskType.SPANS, SchemaConstraints.none());

    @Test
    void aValidReferenceAnswerMakesAGoldItem() {
        assertThat(gold(SPANS, TEXT, "{\"spans\": [{\"start\": 0, \"end\": 5, \"label\": \"PER\", \"text\": \"Alice\"}]}"))
                .isEmpty();
    }

    @Test
    void aBadReferenceAnswerIsRefusedWithFieldsNamedFromReferenceAnswer() {
        assertThat(gold(SPANS, TEXT, "{\"spans\": [{\"start\": 0, \"end\": 5, \"label\": \"PER\", \"text\": \"Alicx\"}]}"))
                .extracting(Violation::field).containsExactly("referenceAnswer.spans[0].text");
        assertThat(gold(SPANS, TEXT, "{\"spans\": [{\"start\": 0, \"end\": 5, \"label\": \"ORG\"}]}"))
                .containsExactly(new Violation("referenceAnswer.spans[0].label", "'ORG' is not in the label set [PER, LOC]"));
        assertThat(gold(SPANS, TEXT, "{\"spans\": [{\"start\": 0, \"end\": 50, \"label\": \"PER\"}]}"))
                .extracting(Violation::field).containsExactly("referenceAnswer.spans[0].end");
        assertThat(gold(SPANS, TEXT, "[1, 2]")).containsExactly(new Violation("referenceAnswer", "must be a JSON object"));
    }

    @Test
    void theAnswerIsCheckedAgainstTheItemsData() {
        LabelingSchema ranking = new LabelingSchema(TaskType.RANKING, List.of(), SchemaConstraints.none());
        assertThat(gold(ranking, CANDIDATES, "{\"ranking\": [\"b\", \"a\", \"c\"]}")).isEmpty();
        assertThat(gold(ranking, CANDIDATES, "{\"ranking\": [\"b\", \"a\"]}"))
                .containsExactly(new Violation("referenceAnswer.ranking", "candidates [c] are not ranked"));
        LabelingSchema boxes = schema(TaskType.BOXES, new SchemaConstraints(null, null, null, null, 5.0, 5.0,
                null, null, null, null, null));
        JsonNode image = json("{\"imageUrl\": \"https://x/1.jpg\", \"width\": 100, \"height\": 50}");
        assertThat(gold(boxes, image, "{\"boxes\": [{\"x\": 90, \"y\": 10, \"width\": 20, \"height\": 20, \"label\": \"PER\"}]}"))
                .extracting(Violation::field).containsExactly("referenceAnswer.boxes[0].width");
    }

    @Test
    void schemaConstraintsApplyToTheAnswer() {
        LabelingSchema multi = schema(TaskType.MULTI_LABEL, new SchemaConstraints(1, 2, List.of(List.of("PER", "LOC")),
                null, null, null, null, null, null, null, null));
        assertThat(gold(multi, TEXT, "{\"choices\": [\"PER\", \"LOC\"]}")).extracting(Violation::field)
                .containsExactly("referenceAnswer.choices");
        LabelingSchema rating = new LabelingSchema(TaskType.RATING, List.of(),
                new SchemaConstraints(null, null, null, null, null, null, 1.0, 5.0, 0.5, null, null));
        assertThat(gold(rating, TEXT, "{\"rating\": 4.5}")).isEmpty();
        assertThat(gold(rating, TEXT, "{\"rating\": 4.2}")).extracting(Violation::field)
                .containsExactly("referenceAnswer.rating");
    }

    @Test
    void anItemWithBadDataIsNotAlsoBlamedForItsAnswer() {
        JsonNode noText = json("{\"imageUrl\": \"https://x/1.jpg\", \"width\": 1, \"height\": 1}");
        assertThat(gold(SPANS, noText, "{\"spans\": [{\"start\": 0, \"end\": 5, \"label\": \"PER\"}]}"))
                .extracting(Violation::field).containsExactly("data.text");
    }

    @Test
    void aQualificationItemNeedsAReferenceAnswer() {
        assertThat(ItemRules.validate(SPANS, new ItemSubmission(null, TEXT, null, false, true, null)))
                .extracting(Violation::field).containsExactly("referenceAnswer");
    }

    private static List<Violation> gold(LabelingSchema schema, JsonNode data, String answer) {
        return ItemRules.validate(schema, new ItemSubmission(null, data, null, false, false, json(answer)));
    }

    private static LabelingSchema schema(TaskType type, SchemaConstraints constraints) {
        return new LabelingSchema(type, List.of(new LabelDefinition("PER", null, null), new LabelDefinition("LOC", null, null)),
                constraints);
    }

    private static JsonNode json(String text) {
        try {
            return EventCodec.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
