package io.labelstream.quality.domain.policy;

import org.junit.jupiter.api.Test;

import static io.labelstream.contracts.events.CalibrationState.FAILED;
import static io.labelstream.contracts.events.CalibrationState.PASSED;
import static io.labelstream.contracts.events.CalibrationState.PENDING;
import static org.assertj.core.api.Assertions.assertThat;

class CalibrationRuleTest {

    @Test
    void pendingUntilEnoughCompleteItemsThenJudgedOnTheMeanKappa() {
        assertThat(CalibrationRule.judge(19, 3, 0.95, 0.8, 20)).isEqualTo(PENDING);
        assertThat(CalibrationRule.judge(20, 3, 0.8, 0.8, 20)).isEqualTo(PASSED);
        assertThat(CalibrationRule.judge(20, 3, 0.7999, 0.8, 20)).isEqualTo(FAILED);
    }

    @Test
    void oneAnnotatorIsNoPilotAndAnUndefinedKappaFails() {
        assertThat(CalibrationRule.judge(50, 1, null, 0.8, 20)).isEqualTo(PENDING);
        assertThat(CalibrationRule.judge(50, 3, null, 0.8, 20)).isEqualTo(FAILED);
    }

    @Test
    void aTargetOfZeroPassesAnyMeasuredPilot() {
        assertThat(CalibrationRule.judge(20, 2, -0.3, 0.0, 20)).isEqualTo(PASSED);
        assertThat(CalibrationRule.judge(3, 2, 0.9, 0.0, 20)).isEqualTo(PENDING);
    }
}
