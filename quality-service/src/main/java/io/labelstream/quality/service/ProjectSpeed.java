package io.labelstream.quality.service;

import io.labelstream.quality.config.QualityConfig;
import io.labelstream.quality.repository.QualityLabelRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The project's median time per label, the reference of the TOO_FAST flag. Measured over a bounded sample
 * of the latest labels and reused for a while, so its cost per annotation stays constant. What it says
 * depends on when it is asked, so each step keeps the figure it used in the journal ({@link StepInputs}) and a
 * rebuild compares with the same.
 */
@ApplicationScoped
public class ProjectSpeed {

    private final QualityLabelRepository labels;
    private final QualityConfig config;
    private final ConcurrentHashMap<UUID, Measured> cache = new ConcurrentHashMap<>();

    public ProjectSpeed(QualityLabelRepository labels, QualityConfig config) {
        this.labels = labels;
        this.config = config;
    }

    /** Seconds per label; 0 when nothing is measured yet (no annotator is then flagged as too fast). */
    public double medianSeconds(UUID projectId) {
        Instant now = Instant.now();
        Measured measured = cache.get(projectId);
        if (measured == null || measured.until().isBefore(now)) {
            Double median = labels.recentMedianSeconds(projectId, config.flags().projectMedianSample());
            measured = new Measured(median == null ? 0.0 : median, now.plus(config.flags().projectMedianTtl()));
            cache.put(projectId, measured);
        }
        return measured.seconds();
    }

    private record Measured(double seconds, Instant until) {
    }
}
