package io.labelstream.quality.domain.policy;

import java.util.EnumSet;
import java.util.Set;

/**
 * An annotator's quality score, review flags and status.
 * <p>
 * Gold accuracy comes with a 95% Wilson score interval (Wilson 1927), which stays sensible for small counts
 * and for 0% or 100%. The lower bound is the conservative figure to rank annotators by; the upper bound is
 * what quarantine uses, so an annotator is only quarantined once the evidence says they are worse than the
 * bar, not merely because few gold answers are in yet.
 * <p>
 * Status transitions:
 * <ul>
 *   <li>ACTIVE (labelling, still qualifying) becomes QUALIFIED once {@code qualificationGold} gold answers are
 *       in with accuracy at least {@code minGoldAccuracy}, and QUARANTINED if they are in with less;</li>
 *   <li>QUALIFIED becomes QUARANTINED when the upper Wilson bound of gold accuracy falls below
 *       {@code quarantineBelow};</li>
 *   <li>QUARANTINED stays so: release is a reviewer's decision, not the score's.</li>
 * </ul>
 * Flags are signals for review and do not change the status by themselves: TOO_FAST (median seconds per
 * label under a fraction of the project median), CONSTANT_LABEL (the most used label's share above a bar,
 * given enough labels), LOW_AGREEMENT (agreement with consensus below a bar, given enough comparisons).
 */
public final class AnnotatorScoring {

    public enum Status { ACTIVE, QUALIFIED, QUARANTINED }

    public enum Flag { TOO_FAST, CONSTANT_LABEL, LOW_AGREEMENT }

    /** What an annotator has done: gold results, agreement with consensus, speed and label usage. */
    public record Activity(
            int goldAnswered,
            int goldCorrect,
            int consensusCompared,
            int consensusAgreed,
            double medianSecondsPerLabel,
            int labelsGiven,
            int mostUsedLabelCount) {

        public Activity {
            if (goldCorrect < 0 || goldCorrect > goldAnswered || consensusAgreed < 0 || consensusAgreed > consensusCompared
                    || mostUsedLabelCount < 0 || mostUsedLabelCount > labelsGiven) {
                throw new IllegalArgumentException("inconsistent activity counts");
            }
        }
    }

    public record Policy(
            int qualificationGold,
            double minGoldAccuracy,
            double quarantineBelow,
            double tooFastFraction,
            double constantLabelShare,
            int constantLabelMinLabels,
            double lowAgreementBelow,
            int lowAgreementMinCompared) {
    }

    public record Score(
            double goldAccuracy,
            double goldAccuracyLowerBound,
            double goldAccuracyUpperBound,
            double consensusAgreement,
            Set<Flag> flags,
            Status status) {

        public Score {
            flags = flags.isEmpty() ? Set.of() : Set.copyOf(flags);
        }
    }

    static final double Z_95 = 1.959963984540054;

    private AnnotatorScoring() {
    }

    public static Score score(Activity activity, Status current, double projectMedianSecondsPerLabel, Policy policy) {
        int n = activity.goldAnswered();
        double accuracy = n == 0 ? Double.NaN : activity.goldCorrect() / (double) n;
        double lower = wilsonLowerBound(activity.goldCorrect(), n);
        double upper = wilsonUpperBound(activity.goldCorrect(), n);
        double agreement = activity.consensusCompared() == 0 ? Double.NaN
                : activity.consensusAgreed() / (double) activity.consensusCompared();

        EnumSet<Flag> flags = EnumSet.noneOf(Flag.class);
        if (projectMedianSecondsPerLabel > 0 && activity.labelsGiven() > 0
                && activity.medianSecondsPerLabel() < policy.tooFastFraction() * projectMedianSecondsPerLabel) {
            flags.add(Flag.TOO_FAST);
        }
        if (activity.labelsGiven() >= policy.constantLabelMinLabels() && activity.labelsGiven() > 0
                && activity.mostUsedLabelCount() / (double) activity.labelsGiven() > policy.constantLabelShare()) {
            flags.add(Flag.CONSTANT_LABEL);
        }
        if (activity.consensusCompared() >= policy.lowAgreementMinCompared() && agreement < policy.lowAgreementBelow()) {
            flags.add(Flag.LOW_AGREEMENT);
        }
        return new Score(accuracy, lower, upper, agreement, flags, nextStatus(current, n, accuracy, upper, policy));
    }

    private static Status nextStatus(Status current, int goldAnswered, double accuracy, double upper, Policy policy) {
        return switch (current) {
            case QUARANTINED -> Status.QUARANTINED;
            case ACTIVE -> {
                if (goldAnswered < policy.qualificationGold()) {
                    yield Status.ACTIVE;
                }
                yield accuracy >= policy.minGoldAccuracy() ? Status.QUALIFIED : Status.QUARANTINED;
            }
            case QUALIFIED -> goldAnswered > 0 && upper < policy.quarantineBelow() ? Status.QUARANTINED : Status.QUALIFIED;
        };
    }

    /** Lower end of the 95% Wilson score interval for successes out of trials; 0 with no trials. */
    public static double wilsonLowerBound(int successes, int trials) {
        return trials == 0 ? 0.0 : wilson(successes, trials, -1);
    }

    /** Upper end of the 95% Wilson score interval; 1 with no trials. */
    public static double wilsonUpperBound(int successes, int trials) {
        return trials == 0 ? 1.0 : wilson(successes, trials, +1);
    }

    private static double wilson(int successes, int trials, int sign) {
        double n = trials;
        double p = successes / n;
        double z2 = Z_95 * Z_95;
        double centre = p + z2 / (2 * n);
        double margin = Z_95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return Math.min(1.0, Math.max(0.0, (centre + sign * margin) / (1 + z2 / n)));
    }
}
