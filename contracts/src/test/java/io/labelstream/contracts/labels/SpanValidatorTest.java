package io.labelstream.contracts.labels;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.TaskType;
import org.junit.jupiter.api.Test;

import static io.labelstream.contracts.labels.Labels.json;
import static org.assertj.core.api.Assertions.assertThat;

class SpanValidatorTest {

    private static final JsonNode ITEM = json("{'text': 'Alice met Bob in Paris, France.'}");

    private final SpanValidator validator = new SpanValidator();

    private static LabelingSchema schema(Integer max, Boolean overlap) {
        return Labels.schema(TaskType.SPANS, Labels.regions(max, overlap, null, null), "PER", "LOC");
    }

    @Test
    void acceptsSpansInsideTheTextWithMatchingQuotes() {
        assertThat(validator.validate(json("{'spans': [{'start': 0, 'end': 5, 'label': 'PER', 'text': 'Alice'},"
                + " {'start': 17, 'end': 22, 'label': 'LOC'}]}"), schema(null, null), ITEM)).isEmpty();
    }

    @Test
    void refusesAnEndBeyondTheText() {
        assertThat(validator.validate(json("{'spans': [{'start': 0, 'end': 5, 'label': 'PER'},"
                + " {'start': 24, 'end': 40, 'label': 'LOC'}]}"), schema(null, null), ITEM)).containsExactly(
                new LabelViolation("label.spans[1].end", "end 40 is beyond the text length 31"));
    }

    @Test
    void refusesANegativeStart() {
        assertThat(validator.validate(json("{'spans': [{'start': -1, 'end': 5, 'label': 'PER'}]}"), schema(null, null),
                ITEM)).containsExactly(new LabelViolation("label.spans[0].start", "start -1 is negative"));
    }

    @Test
    void refusesAStartNotBeforeTheEnd() {
        assertThat(validator.validate(json("{'spans': [{'start': 5, 'end': 5, 'label': 'PER'}]}"), schema(null, null),
                ITEM)).containsExactly(new LabelViolation("label.spans[0].end", "end 5 must be greater than start 5"));
    }

    @Test
    void refusesAQuoteThatDoesNotMatchTheOffsets() {
        assertThat(validator.validate(json("{'spans': [{'start': 0, 'end': 5, 'label': 'PER', 'text': 'Bob'}]}"),
                schema(null, null), ITEM)).containsExactly(new LabelViolation("label.spans[0].text",
                "'Bob' does not match the text at 0..5, which is 'Alice'"));
    }

    @Test
    void countsOffsetsInCodePoints() {
        JsonNode emoji = json("{'text': '\uD83D\uDE00 Alice'}");
        assertThat(validator.validate(json("{'spans': [{'start': 2, 'end': 7, 'label': 'PER', 'text': 'Alice'}]}"),
                schema(null, null), emoji)).isEmpty();
    }

    @Test
    void refusesOverlapUnlessAllowed() {
        JsonNode label = json("{'spans': [{'start': 17, 'end': 30, 'label': 'LOC'}, {'start': 24, 'end': 30, 'label': 'LOC'}]}");
        assertThat(validator.validate(label, schema(null, false), ITEM)).containsExactly(new LabelViolation(
                "label.spans[1]", "overlaps span [0] and the schema does not allow overlapping spans"));
        assertThat(validator.validate(label, schema(null, true), ITEM)).isEmpty();
    }

    @Test
    void adjacentSpansDoNotOverlap() {
        assertThat(validator.validate(json("{'spans': [{'start': 0, 'end': 5, 'label': 'PER'},"
                + " {'start': 5, 'end': 9, 'label': 'PER'}]}"), schema(null, false), ITEM)).isEmpty();
    }

    @Test
    void refusesLabelsOutsideTheSetAndTooManySpans() {
        assertThat(validator.validate(json("{'spans': [{'start': 0, 'end': 5, 'label': 'ORG'},"
                + " {'start': 10, 'end': 13, 'label': 'PER'}]}"), schema(1, null), ITEM)).containsExactly(
                new LabelViolation("label.spans", "2 spans exceed the maximum of 1"),
                new LabelViolation("label.spans[0].label", "'ORG' is not in the label set [PER, LOC]"));
    }

    @Test
    void refusesWrongShapes() {
        assertThat(validator.validate(json("{'spans': [{'start': 'a', 'end': 2.5}]}"), schema(null, null), ITEM))
                .containsExactly(new LabelViolation("label.spans[0].label", "is required"),
                        new LabelViolation("label.spans[0].start", "must be a whole number"),
                        new LabelViolation("label.spans[0].end", "must be a whole number"));
        assertThat(validator.validate(json("{'spans': ['Alice']}"), schema(null, null), ITEM))
                .containsExactly(new LabelViolation("label.spans[0]", "must be a JSON object"));
        assertThat(validator.validate(json("{}"), schema(null, null), ITEM))
                .containsExactly(new LabelViolation("label.spans", "is required"));
    }

    @Test
    void anItemWithoutTextCannotBeSpanned() {
        assertThat(validator.validate(json("{'spans': []}"), schema(null, null), json("{'imageUrl': 'x'}")))
                .containsExactly(new LabelViolation("label.spans", "the item has no text to mark spans in"));
    }
}
