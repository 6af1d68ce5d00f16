package io.labelstream.quality.service;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RefitScheduleTest {

    private final RefitSchedule schedule = new RefitSchedule();
    private final UUID project = UUID.randomUUID();

    @Test
    void theFirstLabelOfAProjectAsks() {
        assertThat(schedule.labelsApplied(project, 1)).isTrue();
    }

    @Test
    void aBatchCountsAllItsLabelsTowardsTheNextLook() {
        schedule.askAgainAfter(project, 100);

        assertThat(schedule.labelsApplied(project, 60)).isFalse();
        assertThat(schedule.labelsApplied(project, 40)).isTrue();
    }

    @Test
    void aBatchLargerThanWhatIsMissingAsksOnceAndTheLookDecidesTheNext() {
        schedule.askAgainAfter(project, 50);

        assertThat(schedule.labelsApplied(project, 800)).isTrue();
        // the look counted the batch's 800 labels with the rest and found 300 more missing
        schedule.askAgainAfter(project, 300);
        assertThat(schedule.labelsApplied(project, 299)).isFalse();
        assertThat(schedule.labelsApplied(project, 1)).isTrue();
    }
}
