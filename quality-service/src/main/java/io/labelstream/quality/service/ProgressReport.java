package io.labelstream.quality.service;

import java.time.Instant;
import java.util.Map;

/**
 * Items by state and the forecast to completion.
 *
 * @param items             regular items by state: UNLABELED, IN_PROGRESS (fewer than k labels), and each decision
 * @param remainingLabels   labels still expected: k per item not yet decided (its own k when it has one, else the
 *                          project's) minus the labels it has, plus one per item that needs more labels
 * @param secondsPerLabel   median server time per label over the project's latest labels
 * @param labelsPerHour     throughput over the recent window
 * @param hoursToCompletion wall-clock hours at that throughput (null while nothing is being labeled)
 * @param annotatorHours    paid hours still needed
 * @param remainingCost     annotator hours at the project's hourly rate
 */
public record ProgressReport(
        long totalItems,
        Map<String, Long> items,
        long remainingLabels,
        Double secondsPerLabel,
        double labelsPerHour,
        Double hoursToCompletion,
        Instant estimatedCompletion,
        double annotatorHours,
        double remainingCost,
        double hourlyRate) {
}
