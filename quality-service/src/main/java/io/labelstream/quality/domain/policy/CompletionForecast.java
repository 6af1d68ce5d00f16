package io.labelstream.quality.domain.policy;

/**
 * Time and cost to finish a project. Wall-clock time is the remaining labels over the crowd's current
 * throughput (labels per hour across all annotators); paid time is the remaining labels at the measured
 * seconds per label (a median, so a few idle sessions do not inflate it), and cost is paid time at the hourly
 * rate. With no throughput the wall-clock estimate is infinite.
 */
public final class CompletionForecast {

    public record Forecast(long remainingLabels, double wallClockHours, double annotatorHours, double cost) {

        public boolean finite() {
            return Double.isFinite(wallClockHours);
        }
    }

    private static final double MIN_SPAN_SECONDS = 0.001;

    private CompletionForecast() {
    }

    /** Labels still to collect: every remaining item needs labelsPerItem, minus those it already has. */
    public static long remainingLabels(long remainingItems, int labelsPerItem, long labelsAlreadyOnRemainingItems) {
        return Math.max(0, remainingItems * labelsPerItem - labelsAlreadyOnRemainingItems);
    }

    /** Labels per hour from a count observed over a window of seconds. */
    public static double throughputPerHour(long labelsInWindow, double windowSeconds) {
        if (!(windowSeconds > 0)) {
            throw new IllegalArgumentException("window must be positive");
        }
        return labelsInWindow * 3600.0 / windowSeconds;
    }

    /**
     * Labels per hour from the latest labels of a window, counted up to {@code sample}: fewer than the sample are
     * every label of the window, a rate over the whole window; a full sample is a rate over the seconds from its
     * earliest label to now, the time its labels took. Either way the rate comes from a bounded number of labels,
     * however busy the project.
     *
     * @param counted             the window's latest labels counted, at most {@code sample}
     * @param windowSeconds       the window
     * @param sampleSpanSeconds   from the earliest counted label to now
     */
    public static double throughputPerHour(long counted, int sample, double windowSeconds, double sampleSpanSeconds) {
        if (counted < sample) {
            return throughputPerHour(counted, windowSeconds);
        }
        // a full sample within one instant: as fast as the clock can tell, not infinitely fast
        return throughputPerHour(counted, Math.max(sampleSpanSeconds, MIN_SPAN_SECONDS));
    }

    public static Forecast forecast(long remainingLabels, double secondsPerLabel, double labelsPerHour, double hourlyRate) {
        if (remainingLabels < 0 || secondsPerLabel < 0 || labelsPerHour < 0 || hourlyRate < 0) {
            throw new IllegalArgumentException("inputs must be non-negative");
        }
        double wallClock = remainingLabels == 0 ? 0.0
                : labelsPerHour == 0 ? Double.POSITIVE_INFINITY : remainingLabels / labelsPerHour;
        double annotatorHours = remainingLabels * secondsPerLabel / 3600.0;
        return new Forecast(remainingLabels, wallClock, annotatorHours, annotatorHours * hourlyRate);
    }
}
