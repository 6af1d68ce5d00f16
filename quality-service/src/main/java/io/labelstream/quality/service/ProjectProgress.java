package io.labelstream.quality.service;

import io.labelstream.contracts.events.ItemDecision;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.project.ProjectPolicies;
import io.labelstream.quality.config.QualityConfig;
import io.labelstream.quality.domain.policy.CompletionForecast;
import io.labelstream.quality.domain.policy.ItemOverlap;
import io.labelstream.quality.repository.QualityItemRepository;
import io.labelstream.quality.repository.QualityLabelRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A project's progress and its time and cost forecast ({@link CompletionForecast}). */
@ApplicationScoped
public class ProjectProgress {

    private final QualityItemRepository items;
    private final QualityLabelRepository labels;
    private final QualityConfig config;
    private final Clock clock = Clock.systemUTC();

    public ProjectProgress(QualityItemRepository items, QualityLabelRepository labels, QualityConfig config) {
        this.items = items;
        this.labels = labels;
        this.config = config;
    }

    @Transactional
    public ProgressReport report(ProjectEvent project) {
        QualityItemRepository.ItemProgress progress = items.progress(project.projectId());
        Map<String, Long> byState = new LinkedHashMap<>();
        byState.put("UNLABELED", progress.unlabeled());
        byState.put("IN_PROGRESS", progress.inProgress());
        progress.decided().forEach((decision, count) -> byState.put(decision.name(), count));
        long needsMore = progress.decided().get(ItemDecision.NEEDS_MORE_LABELS);
        long remaining = remainingFirstLabels(project.policies(), progress.open()) + needsMore;

        Instant now = Instant.now(clock);
        Duration window = config.forecast().window();
        int sample = config.forecast().throughputSample();
        QualityLabelRepository.LatestLabels recent = labels.latestSince(project.projectId(), now.minus(window), sample);
        double sampleSpanSeconds = recent.earliest() == null ? 0
                : Duration.between(recent.earliest(), now).toNanos() / 1e9;
        double labelsPerHour = CompletionForecast.throughputPerHour(recent.counted(), sample, window.toSeconds(),
                sampleSpanSeconds);
        Double secondsPerLabel = labels.recentMedianSeconds(project.projectId(), config.flags().projectMedianSample());
        double rate = project.policies().hourlyRate();
        CompletionForecast.Forecast forecast = CompletionForecast.forecast(remaining,
                secondsPerLabel == null ? 0.0 : secondsPerLabel, labelsPerHour, rate);
        Double hours = forecast.finite() ? forecast.wallClockHours() : null;
        Instant completion = hours == null ? null : now.plusSeconds(Math.round(hours * 3600));
        return new ProgressReport(progress.total(), byState, remaining, secondsPerLabel, labelsPerHour, hours,
                completion, forecast.annotatorHours(), forecast.cost(), rate);
    }

    /** Labels the undecided items still need before their first decision, each group at its own k. */
    private static long remainingFirstLabels(ProjectPolicies policies, List<QualityItemRepository.OpenItems> open) {
        long remaining = 0;
        for (QualityItemRepository.OpenItems group : open) {
            int k = ItemOverlap.of(group.annotatorsPerItem(), policies.annotatorsPerItem(),
                    policies.maxAnnotatorsPerItem()).minLabels();
            remaining += CompletionForecast.remainingLabels(group.items(), k, group.labels());
        }
        return remaining;
    }
}
