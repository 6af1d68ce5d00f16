package io.labelstream.adjudication.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Tunables of review leasing and dataset export. */
@ConfigMapping(prefix = "labelstream.adjudication")
public interface AdjudicationConfig {

    /** The compacted topic gold labels are published to. */
    @WithDefault("labeling.gold")
    String goldTopic();

    /** How long a reviewer holds an item before it returns to the queue. */
    @WithDefault("PT15M")
    Duration reviewLease();

    /** Rows fetched per round trip when streaming a dataset from the database cursor. */
    @WithDefault("2000")
    int exportFetchSize();

    /** Longest time a single export or release snapshot may keep its read transaction open. */
    @WithDefault("PT30M")
    Duration exportTimeout();
}
