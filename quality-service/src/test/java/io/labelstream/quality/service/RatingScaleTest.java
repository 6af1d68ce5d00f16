package io.labelstream.quality.service;

import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.SchemaConstraints;
import io.labelstream.contracts.project.TaskType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RatingScaleTest {

    @Test
    void aNumericScaleHasEveryStepAsACategoryUsedOrNot() {
        RatingScale scale = RatingScale.of(numeric(1.0, 5.0, null));
        assertThat(scale.categories(List.of("4", "2"))).containsExactly("1", "2", "3", "4", "5");
        assertThat(scale.value("2.5")).isEqualTo(2.5);
        assertThat(RatingScale.of(numeric(0.0, 1.0, 0.25)).categories(List.of()))
                .containsExactly("0", "0.25", "0.5", "0.75", "1");
    }

    @Test
    void aFineScaleKeepsOnlyTheValuesGivenInNumericOrder() {
        assertThat(RatingScale.of(numeric(0.0, 100.0, 0.1)).categories(List.of("10", "9.5", "100")))
                .containsExactly("9.5", "10", "100");
    }

    @Test
    void anOrdinalScaleKeepsItsLevelOrderAndValuesByRank() {
        RatingScale scale = RatingScale.of(new LabelingSchema(TaskType.RATING, List.of(),
                new SchemaConstraints(null, null, null, null, null, null, null, null, null,
                        List.of("bad", "fair", "good"), null)));
        assertThat(scale.categories(List.of("good"))).containsExactly("bad", "fair", "good");
        assertThat(scale.value("good")).isEqualTo(2.0);
        assertThat(scale.value("excellent")).isNull();
    }

    private static LabelingSchema numeric(Double min, Double max, Double step) {
        return new LabelingSchema(TaskType.RATING, List.of(),
                new SchemaConstraints(null, null, null, null, null, null, min, max, step, null, null));
    }
}
