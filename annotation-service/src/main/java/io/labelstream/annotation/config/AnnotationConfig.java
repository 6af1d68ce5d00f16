package io.labelstream.annotation.config;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

@ConfigMapping(prefix = "labelstream.annotation")
public interface AnnotationConfig {

    /** Topic of AnnotationSubmitted / AnnotationRevised. */
    String topic();

    /** Largest submission body accepted; labels are small, a bigger body is a client fault (413). */
    long maxBodyBytes();

    /** Retry-After of a 503 for an item or schema version this service has not received yet. */
    Duration notYetKnownRetryAfter();

    int defaultPageSize();

    int maxPageSize();
}
