package io.labelstream.assignment.config;

import io.labelstream.assignment.domain.UncertaintyMeasure;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "labelstream.assignment")
public interface AssignmentConfig {

    /** How model uncertainty is measured from a prediction's label distribution. */
    @WithDefault("ENTROPY")
    UncertaintyMeasure uncertainty();

    /** How far ahead a fully uncertain item (of a project with weight 1) jumps in the queue. */
    @WithDefault("24h")
    Duration uncertaintyBoost();

    /** How often each replica looks for expired leases (read by the scheduler). */
    @WithDefault("5s")
    Duration expiryInterval();

    /**
     * How often the pools' reopening floors start a new generation (read by the scheduler). A claim cursor set
     * within the last two generations resumes from the earliest reopened rank since; an older one, when items
     * were reopened meanwhile, walks from the head of the pool once.
     */
    @WithDefault("30s")
    Duration cursorGeneration();

    /** Expired leases released per expiry transaction. */
    @WithDefault("200")
    int expiryBatchSize();

    /** Open assignments listed per request at most. */
    @WithDefault("100")
    int openAssignmentsLimit();
}
