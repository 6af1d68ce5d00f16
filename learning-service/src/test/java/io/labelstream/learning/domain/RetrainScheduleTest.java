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
    void goldCountedOnlyUpToTheSeedDecidesAsTheFullCount() {
        int cap = RetrainSchedule.enoughGold(20);
        for (int gold : new int[] {0, 1, 19, 20, 21, 500, 1_000_000}) {
            for (int trainedOn : new int[] {0, 20, 400}) {
                for (int changes : new int[] {0, 5, 100}) {
                    assertThat(RetrainSchedule.due(trainedOn, changes, Math.min(gold, cap), null, 20, 0.25, 5))
                            .isEqualTo(RetrainSchedule.due(trainedOn, changes, gold, null, 20, 0.25, 5));
                }
            }
        }
        assertThat(RetrainSchedule.enoughGold(0)).isEqualTo(2);
    }

    @Test
    void publishFilterKeepsLabelChangesAndLargeMoves() {
        assertThat(PublishFilter.worthPublishing(null, null, "a", 0.5, 0.05)).isTrue();
        assertThat(PublishFilter.worthPublishing("a", 0.5, "b", 0.5, 0.05)).isTrue();
        assertThat(PublishFilter.worthPublishing("a", 0.5, "a", 0.52, 0.05)).isFalse();
        assertThat(PublishFilter.worthPublishing("a", 0.5, "a", 0.56, 0.05)).isTrue();
    }
}
