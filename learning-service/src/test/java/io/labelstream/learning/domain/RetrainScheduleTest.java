package io.labelstream.learning.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetrainScheduleTest {

    @Test
    void firstModelWaitsForTheSeed() {
        assertThat(RetrainSchedule.due(0, 19, 19, null, 20, 0.25, 5)).isFalse();
        assertThat(RetrainSchedule.due(0, 20, 20, null, 20, 0.25, 5)).isTrue();
    }

    @Test
    void fixedStepRetrainsEveryN() {
        assertThat(RetrainSchedule.due(40, 24, 64, 25, 20, 0.25, 5)).isFalse();
        assertThat(RetrainSchedule.due(40, 25, 65, 25, 20, 0.25, 5)).isTrue();
    }

    @Test
    void geometricStepGrowsWithTheTrainingSet() {
        assertThat(RetrainSchedule.due(20, 5, 25, null, 20, 0.25, 5)).isTrue();
        assertThat(RetrainSchedule.due(400, 99, 499, null, 20, 0.25, 5)).isFalse();
        assertThat(RetrainSchedule.due(400, 100, 500, null, 20, 0.25, 5)).isTrue();
    }

    @Test
    void publishFilterKeepsLabelChangesAndLargeMoves() {
        assertThat(PublishFilter.worthPublishing(null, null, "a", 0.5, 0.05)).isTrue();
        assertThat(PublishFilter.worthPublishing("a", 0.5, "b", 0.5, 0.05)).isTrue();
        assertThat(PublishFilter.worthPublishing("a", 0.5, "a", 0.52, 0.05)).isFalse();
        assertThat(PublishFilter.worthPublishing("a", 0.5, "a", 0.56, 0.05)).isTrue();
    }
}
