package io.labelstream.quality.service;

import io.labelstream.quality.config.QualityConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/**
 * Gives each project whose labels went quiet one last crowd-model fit (see {@link CrowdModelRefit}). Every replica
 * watches the projects it applied labels of; the fit itself re-checks under the project's lock, so two replicas
 * that both see a project go quiet fit it once.
 */
@ApplicationScoped
public class QuietProjectRefits {

    private final RefitSchedule schedule;
    private final CrowdModelRefit refits;
    private final QualityConfig config;

    public QuietProjectRefits(RefitSchedule schedule, CrowdModelRefit refits, QualityConfig config) {
        this.schedule = schedule;
        this.refits = refits;
        this.config = config;
    }

    @Scheduled(every = "${labelstream.quality.inference.quiet-check-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void fitQuietProjects() {
        Instant cutoff = Instant.now().minus(config.inference().refitWhenQuietFor());
        for (UUID projectId : schedule.quietSince(cutoff)) {
            refits.afterQuiet(projectId);
        }
    }
}
