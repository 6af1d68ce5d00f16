package io.labelstream.contracts.labels;

import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.TaskType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.labelstream.contracts.labels.Labels.json;
import static org.assertj.core.api.Assertions.assertThat;

class ClassificationValidatorTest {

    private final SingleLabelValidator single = new SingleLabelValidator();
    private final MultiLabelValidator multi = new MultiLabelValidator();
    private final LabelingSchema singleSchema = Labels.schema(TaskType.SINGLE_LABEL, null, "positive", "negative");

    private static LabelingSchema multiSchema(Integer min, Integer max, List<List<String>> exclusive) {
        return Labels.schema(TaskType.MULTI_LABEL, Labels.multi(min, max, exclusive),
                "sports", "politics", "tech", "none");
    }

    @Test
    void singleLabelAcceptsOneLabelOfTheSet() {
        assertThat(single.validate(json("{'choice': 'positive'}"), singleSchema, null)).isEmpty();
    }

    @Test
    void singleLabelRefusesALabelOutsideTheSet() {
        assertThat(single.validate(json("{'choice': 'neutral'}"), singleSchema, null)).containsExactly(
                new LabelViolation("label.choice", "'neutral' is not in the label set [positive, negative]"));
    }

    @Test
    void singleLabelRefusesSeveralLabels() {
        assertThat(single.validate(json("{'choice': ['positive', 'negative']}"), singleSchema, null)).containsExactly(
                new LabelViolation("label.choice", "a single-label task takes exactly one label, not 2"));
    }

    @Test
    void singleLabelRequiresAStringChoice() {
        assertThat(single.validate(json("{}"), singleSchema, null))
                .containsExactly(new LabelViolation("label.choice", "is required"));
        assertThat(single.validate(json("{'choice': 3}"), singleSchema, null))
                .containsExactly(new LabelViolation("label.choice", "must be a string"));
        assertThat(single.validate(json("'positive'"), singleSchema, null))
                .containsExactly(new LabelViolation("label", "must be a JSON object"));
    }

    @Test
    void multiLabelAcceptsDistinctLabelsWithinTheBounds() {
        assertThat(multi.validate(json("{'choices': ['sports', 'tech']}"), multiSchema(1, 3, null), null)).isEmpty();
    }

    @Test
    void multiLabelRefusesUnknownAndDuplicateLabels() {
        assertThat(multi.validate(json("{'choices': ['sports', 'cooking', 'sports']}"), multiSchema(null, null, null), null))
                .containsExactly(
                        new LabelViolation("label.choices[1]",
                                "'cooking' is not in the label set [sports, politics, tech, none]"),
                        new LabelViolation("label.choices[2]", "'sports' is chosen more than once"));
    }

    @Test
    void multiLabelRefusesTooFewOrTooMany() {
        assertThat(multi.validate(json("{'choices': []}"), multiSchema(1, 2, null), null)).containsExactly(
                new LabelViolation("label.choices", "0 labels are fewer than the minimum of 1"));
        assertThat(multi.validate(json("{'choices': ['sports', 'politics', 'tech']}"), multiSchema(1, 2, null), null))
                .containsExactly(new LabelViolation("label.choices", "3 labels exceed the maximum of 2"));
    }

    @Test
    void multiLabelRefusesTwoLabelsOfAnExclusiveGroup() {
        assertThat(multi.validate(json("{'choices': ['none', 'tech']}"),
                multiSchema(null, null, List.of(List.of("none", "sports", "tech"))), null)).containsExactly(
                new LabelViolation("label.choices",
                        "labels [none, tech] exclude each other (exclusive group [none, sports, tech])"));
    }

    @Test
    void multiLabelRequiresAnArrayOfStrings() {
        assertThat(multi.validate(json("{'choices': 'sports'}"), multiSchema(null, null, null), null))
                .containsExactly(new LabelViolation("label.choices", "must be an array"));
        assertThat(multi.validate(json("{'choices': [1]}"), multiSchema(null, null, null), null))
                .containsExactly(new LabelViolation("label.choices[0]", "must be a string"));
    }
}
