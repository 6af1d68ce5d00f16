package io.labelstream.quality.service;

import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.CalibrationAssessed;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.project.ProjectState;
import io.labelstream.platform.outbox.Outbox;
import io.labelstream.platform.project.ProjectDirectory;
import io.labelstream.quality.repository.CalibrationVerdictRepository;
import io.labelstream.quality.repository.PilotLabelRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Keeps the calibration verdict of every project in PILOT on labeling.project-quality: computed again on a schedule
 * (a pilot's labels, a guideline revision or a policy change may move it) and published through the outbox when it
 * differs from the one published last. The verdict is computed off the path of an annotation.
 */
@ApplicationScoped
public class CalibrationVerdicts {

    private static final Logger LOG = Logger.getLogger(CalibrationVerdicts.class);

    private final PilotLabelRepository pilotLabels;
    private final CalibrationVerdictRepository verdicts;
    private final PilotCalibration calibration;
    private final ProjectDirectory directory;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    public CalibrationVerdicts(PilotLabelRepository pilotLabels, CalibrationVerdictRepository verdicts,
                               PilotCalibration calibration, ProjectDirectory directory, Outbox outbox) {
        this.pilotLabels = pilotLabels;
        this.verdicts = verdicts;
        this.calibration = calibration;
        this.directory = directory;
        this.outbox = outbox;
    }

    @Scheduled(every = "${labelstream.quality.calibration.interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void assessPilots() {
        List<UUID> pilots = QuarkusTransaction.requiringNew().call(pilotLabels::projectsInPilot);
        for (UUID projectId : pilots) {
            try {
                assess(projectId);
            } catch (RuntimeException e) {
                LOG.warnf(e, "calibration verdict of project %s failed", projectId);
            }
        }
    }

    /** Publishes the project's verdict if it changed; true when it did. */
    public boolean assess(UUID projectId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ProjectEvent project = directory.find(projectId).orElse(null);
            if (project == null || project.state() != ProjectState.PILOT || project.schema() == null
                    || !LabelShapes.categorical(project.schema().taskType())) {
                return false;
            }
            CalibrationAssessed last = verdicts.lock(projectId).orElse(null);
            CalibrationAssessed now = calibration.verdict(project, Instant.now(clock));
            if (last != null && sameVerdict(last, now)) {
                return false;
            }
            verdicts.save(now);
            outbox.publish(Topics.PROJECT_QUALITY, now);
            return true;
        });
    }

    private static boolean sameVerdict(CalibrationAssessed a, CalibrationAssessed b) {
        return a.guidelineVersion() == b.guidelineVersion() && a.state() == b.state()
                && a.pilotItems() == b.pilotItems() && a.labels() == b.labels()
                && a.pilotAnnotators() == b.pilotAnnotators() && Objects.equals(a.meanCohenKappa(), b.meanCohenKappa())
                && a.targetKappa() == b.targetKappa() && a.minItems() == b.minItems();
    }
}
