package io.labelstream.contracts.labels;

import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.TaskType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.labelstream.contracts.labels.Labels.json;
import static org.assertj.core.api.Assertions.assertThat;

class RatingValidatorTest {

    private final RatingValidator validator = new RatingValidator();
    private final LabelingSchema halves = Labels.schema(TaskType.RATING, Labels.scale(1.0, 5.0, 0.5, null));
    private final LabelingSchema tenths = Labels.schema(TaskType.RATING, Labels.scale(0.0, 1.0, 0.1, null));
    private final LabelingSchema ordinal = Labels.schema(TaskType.RATING,
            Labels.scale(null, null, null, List.of("bad", "ok", "good")));

    @Test
    void acceptsValuesOnTheScaleAndItsSteps() {
        assertThat(validator.validate(json("{'rating': 1}"), halves, null)).isEmpty();
        assertThat(validator.validate(json("{'rating': 3.5}"), halves, null)).isEmpty();
        assertThat(validator.validate(json("{'rating': 5.0}"), halves, null)).isEmpty();
        assertThat(validator.validate(json("{'rating': 0.3}"), tenths, null)).isEmpty();
    }

    @Test
    void refusesValuesOutsideTheScale() {
        assertThat(validator.validate(json("{'rating': 0.5}"), halves, null)).containsExactly(
                new LabelViolation("label.rating", "rating 0.5 is below the scale minimum 1.0"));
        assertThat(validator.validate(json("{'rating': 6}"), halves, null)).containsExactly(
                new LabelViolation("label.rating", "rating 6 is above the scale maximum 5.0"));
    }

    @Test
    void refusesValuesBetweenSteps() {
        assertThat(validator.validate(json("{'rating': 3.25}"), halves, null)).containsExactly(
                new LabelViolation("label.rating", "rating 3.25 is not on the scale's steps of 0.5 from 1.0"));
    }

    @Test
    void anOrdinalScaleTakesOneOfItsLevels() {
        assertThat(validator.validate(json("{'rating': 'good'}"), ordinal, null)).isEmpty();
        assertThat(validator.validate(json("{'rating': 'great'}"), ordinal, null)).containsExactly(
                new LabelViolation("label.rating", "'great' is not one of the scale's levels [bad, ok, good]"));
        assertThat(validator.validate(json("{'rating': 2}"), ordinal, null)).containsExactly(
                new LabelViolation("label.rating", "must be one of the scale's levels [bad, ok, good]"));
    }

    @Test
    void refusesWrongShapes() {
        assertThat(validator.validate(json("{'rating': 'four'}"), halves, null))
                .containsExactly(new LabelViolation("label.rating", "must be a number"));
        assertThat(validator.validate(json("{}"), halves, null))
                .containsExactly(new LabelViolation("label.rating", "is required"));
        assertThat(validator.validate(json("[4]"), halves, null))
                .containsExactly(new LabelViolation("label", "must be a JSON object"));
    }
}
