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

    Inference inference();

    Forecast forecast();

    Decision decision();

    Calibration calibration();

    /** Pilot calibration verdicts. */
    interface Calibration {

        /** How often the verdict of each project in PILOT is computed again and published when it changed. */
        @WithDefault("10s")
        Duration interval();
    }

    /** Item decisions. */
    interface Decision {

        /**
         * Share of the project's target agreement under which an item is DISPUTED at once instead of getting
         * more labels (e.g. 0.5 with target 0.6: a three-way split is disputed, a 2-1 split gets a label).
         */
        @WithDefault("0.5")
        double disputeShareOfTarget();
    }

    /** Time and cost to completion. */
    interface Forecast {

        /** Recent window whose labels measure the current throughput and seconds per label. */
        @WithDefault("1h")
        Duration window();

        /**
         * At most this many of the window's latest labels measure the throughput; a busier project's rate comes
         * from the time its latest labels took.
         */
        @WithDefault("2000")
        int throughputSample();
    }

    /** Truth inference parameters. */
    interface Inference {

        /** Dirichlet pseudo-count on the diagonal of each annotator's confusion row (Dawid–Skene). */
        @WithDefault("2.0")
        double diagonalPrior();

        /** Dirichlet pseudo-count off the diagonal. */
        @WithDefault("0.5")
        double offDiagonalPrior();

        /**
         * Labels a DAWID_SKENE project needs before its crowd model is first fitted by batch EM over all of them;
         * until then items are scored with the fixed pseudo-counts above.
         */
        @WithDefault("256")
        int refitFirstLabels();

        /**
         * Growth of the project's labels since the last fit at which the crowd model is fitted again; above 1.
         * Geometric checkpoints keep the fits' total cost proportional to the labels, i.e. constant per label:
         * at most g / (g - 1) times the cost of one fit over all of them.
         */
        @WithDefault("1.5")
        double refitGrowth();

        /**
         * How long a DAWID_SKENE project's labels must be quiet before its crowd model is fitted once more over
         * all of them (if any came since the last fit), so that the consensus at the end of a stream equals
         * batch EM's. Projects below {@code refit-first-labels} are left to the pseudo-counts.
         */
        @WithDefault("60s")
        Duration refitWhenQuietFor();

        /** How often each replica looks for projects whose labels went quiet. */
        @WithDefault("5s")
        Duration quietCheckInterval();

        /** IoU at which two boxes count as the same object. */
        @WithDefault("0.5")
        double boxIouThreshold();
    }

    /** When an annotator's behaviour is flagged. */
    interface Flags {

        /** A label given faster than this (server-measured) is counted as a too-fast label. */
        @WithDefault("2s")
        Duration tooFast();

        /** TOO_FAST: the annotator's median time per label is under this fraction of the project's median. */
        @WithDefault("0.3")
        double tooFastFraction();

        /** Latest labels of the project whose median time is the TOO_FAST reference. */
        @WithDefault("1000")
        int projectMedianSample();

        /** How long a project's median time per label is reused before it is measured again. */
        @WithDefault("60s")
        Duration projectMedianTtl();

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
