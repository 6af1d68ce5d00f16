package io.labelstream.quality.domain.policy;

import io.labelstream.quality.domain.policy.AnnotatorScoring.Activity;
import io.labelstream.quality.domain.policy.AnnotatorScoring.Flag;
import io.labelstream.quality.domain.policy.AnnotatorScoring.Status;
import io.labelstream.quality.domain.policy.ItemDecisionPolicy.Decision;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PolicyTest {

    private static final ItemDecisionPolicy.Policy ITEMS = new ItemDecisionPolicy.Policy(3, 7, 0.95, 0.3);

    private static final AnnotatorScoring.Policy ANNOTATORS = new AnnotatorScoring.Policy(
            10, 0.8, 0.6, 0.25, 0.9, 30, 0.5, 20);

    @Test
    void itemDecisions() {
        assertThat(ItemDecisionPolicy.decide(0.99, 2, 1.0, ITEMS)).isEqualTo(Decision.NEEDS_MORE_LABELS);
        assertThat(ItemDecisionPolicy.decide(0.97, 3, 1.0, ITEMS)).isEqualTo(Decision.RESOLVED);
        assertThat(ItemDecisionPolicy.decide(0.80, 3, 1 / 3.0, ITEMS)).isEqualTo(Decision.NEEDS_MORE_LABELS);
        assertThat(ItemDecisionPolicy.decide(0.55, 4, 0.2, ITEMS)).isEqualTo(Decision.DISPUTED);
        assertThat(ItemDecisionPolicy.decide(0.90, 7, 0.6, ITEMS)).isEqualTo(Decision.DISPUTED);
        assertThat(ItemDecisionPolicy.decide(0.95, 7, 0.6, ITEMS)).isEqualTo(Decision.RESOLVED);
        assertThat(ItemDecisionPolicy.decide(Double.NaN, 4, Double.NaN, ITEMS)).isEqualTo(Decision.NEEDS_MORE_LABELS);
        assertThatThrownBy(() -> new ItemDecisionPolicy.Policy(3, 2, 0.9, 0.3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ItemDecisionPolicy.Policy(3, 5, 1.1, 0.3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aZeroBarAcceptsEveryConsensusWithEnoughLabels() {
        ItemDecisionPolicy.Policy acceptAll = new ItemDecisionPolicy.Policy(3, 3, 0.0, 0.0);

        assertThat(ItemDecisionPolicy.decide(0.5, 3, 0.2, acceptAll)).isEqualTo(Decision.RESOLVED);
        assertThat(ItemDecisionPolicy.decide(0.5, 2, 0.2, acceptAll)).isEqualTo(Decision.NEEDS_MORE_LABELS);
    }

    @Test
    void wilsonBounds() {
        // Wilson (1927) 95% interval for 8 of 10: [0.4902, 0.9433]
        assertThat(AnnotatorScoring.wilsonLowerBound(8, 10)).isCloseTo(0.4902, within(5e-5));
        assertThat(AnnotatorScoring.wilsonUpperBound(8, 10)).isCloseTo(0.9433, within(5e-5));
        assertThat(AnnotatorScoring.wilsonLowerBound(10, 10)).isCloseTo(0.7225, within(5e-5));
        assertThat(AnnotatorScoring.wilsonLowerBound(0, 0)).isZero();
        assertThat(AnnotatorScoring.wilsonUpperBound(0, 5)).isCloseTo(0.4345, within(5e-5));
    }

    @Test
    void qualificationNeedsEnoughGoldAtTheMinimumAccuracy() {
        assertThat(score(activity(6, 6), Status.ACTIVE).status()).isEqualTo(Status.ACTIVE);
        assertThat(score(activity(10, 8), Status.ACTIVE).status()).isEqualTo(Status.QUALIFIED);
        assertThat(score(activity(10, 7), Status.ACTIVE).status()).isEqualTo(Status.QUARANTINED);
    }

    @Test
    void qualifiedAnnotatorsAreQuarantinedOnlyOnEvidence() {
        // 13 of 20 right: point estimate 0.65, upper bound 0.82 -> not yet evidence of being below 0.6
        assertThat(score(activity(20, 13), Status.QUALIFIED).status()).isEqualTo(Status.QUALIFIED);
        // 20 of 50: upper bound 0.54 < 0.6
        assertThat(score(activity(50, 20), Status.QUALIFIED).status()).isEqualTo(Status.QUARANTINED);
        // quarantine is sticky
        assertThat(score(activity(100, 99), Status.QUARANTINED).status()).isEqualTo(Status.QUARANTINED);
    }

    @Test
    void flags() {
        Activity fastConstant = new Activity(12, 11, 40, 15, 1.0, 50, 48);
        AnnotatorScoring.Score score = AnnotatorScoring.score(fastConstant, Status.QUALIFIED, 10.0, ANNOTATORS);
        assertThat(score.flags()).containsExactlyInAnyOrder(Flag.TOO_FAST, Flag.CONSTANT_LABEL, Flag.LOW_AGREEMENT);
        assertThat(score.consensusAgreement()).isCloseTo(15 / 40.0, within(1e-12));
        assertThat(score.status()).isEqualTo(Status.QUALIFIED);

        Activity careful = new Activity(12, 11, 40, 35, 8.0, 50, 20);
        assertThat(AnnotatorScoring.score(careful, Status.QUALIFIED, 10.0, ANNOTATORS).flags()).isEmpty();
        // too few labels and comparisons to judge constant labelling or agreement
        Activity early = new Activity(0, 0, 5, 0, 8.0, 5, 5);
        assertThat(AnnotatorScoring.score(early, Status.ACTIVE, 10.0, ANNOTATORS).flags()).isEmpty();
    }

    @Test
    void forecast() {
        long remaining = CompletionForecast.remainingLabels(1_000, 3, 500);
        assertThat(remaining).isEqualTo(2_500);
        double throughput = CompletionForecast.throughputPerHour(300, 1800);
        assertThat(throughput).isEqualTo(600.0);
        CompletionForecast.Forecast forecast = CompletionForecast.forecast(remaining, 12.0, throughput, 15.0);
        assertThat(forecast.wallClockHours()).isCloseTo(2500 / 600.0, within(1e-12));
        assertThat(forecast.annotatorHours()).isCloseTo(2500 * 12 / 3600.0, within(1e-12));
        assertThat(forecast.cost()).isCloseTo(2500 * 12 / 3600.0 * 15.0, within(1e-9));
        assertThat(CompletionForecast.forecast(10, 5, 0, 20).finite()).isFalse();
        assertThat(CompletionForecast.forecast(0, 5, 0, 20).wallClockHours()).isZero();
    }

    @Test
    void throughputComesFromTheWholeWindowUntilTheSampleIsFullThenFromTheTimeTheSampleTook() {
        // 300 labels in the last half hour, fewer than the sample: 600 an hour, as counted over the window
        assertThat(CompletionForecast.throughputPerHour(300, 2_000, 1_800, 1_500)).isEqualTo(600.0);
        // 2,000 labels within the last 100 s of an hour's window: 72,000 an hour, not 2,000
        assertThat(CompletionForecast.throughputPerHour(2_000, 2_000, 3_600, 100)).isEqualTo(72_000.0);
        // a full sample within one instant is as fast as a millisecond tells, not infinite
        assertThat(CompletionForecast.throughputPerHour(2_000, 2_000, 3_600, 0)).isEqualTo(2_000 * 3_600_000.0);
        assertThat(CompletionForecast.throughputPerHour(0, 2_000, 3_600, 0)).isZero();
    }

    private static Activity activity(int gold, int correct) {
        return new Activity(gold, correct, 0, 0, 8.0, 100, 40);
    }

    private static AnnotatorScoring.Score score(Activity activity, Status current) {
        return AnnotatorScoring.score(activity, current, 10.0, ANNOTATORS);
    }
}
