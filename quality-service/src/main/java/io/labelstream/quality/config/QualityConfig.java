package io.labelstream.quality.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Service-wide thresholds of quality-service; per-project knobs come from the project's policies. */
@ConfigMapping(prefix = "labelstream.quality")
public interface QualityConfig {

    Flags flags();

    Snapshots snapshots();

    Replay replay();

    /** When an annotator's behaviour is flagged. */
    interface Flags {

        /** A label given faster than this (server-measured) counts as too fast. */
        @WithDefault("2s")
        Duration tooFast();

        /** Share of too-fast labels at or above which the annotator is flagged TOO_FAST. */
        @WithDefault("0.3")
        double tooFastShare();

        /** Share of one category at or above which the annotator is flagged CONSTANT_LABEL. */
        @WithDefault("0.95")
        double constantLabelShare();

        /** Labels (or consensus comparisons) an annotator needs before any flag is raised. */
        @WithDefault("10")
        int minLabels();
    }

    /** Project agreement over time. */
    interface Snapshots {

        /** How often each project with new labels gets an agreement snapshot. */
        @WithDefault("1h")
        Duration interval();

        /** Longest history a dashboard read returns. */
        @WithDefault("500")
        int maxReturned();
    }

    /** Rebuilding a project's quality state from the annotation log. */
    interface Replay {

        @WithDefault("labeling.annotations")
        String topic();

        /** Upper bound of one rebuild, which runs in one transaction so readers never see half a rebuild. */
        @WithDefault("30m")
        Duration timeout();

        @WithDefault("1s")
        Duration pollTimeout();
    }
}
