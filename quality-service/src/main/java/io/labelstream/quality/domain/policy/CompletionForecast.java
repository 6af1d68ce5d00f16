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
