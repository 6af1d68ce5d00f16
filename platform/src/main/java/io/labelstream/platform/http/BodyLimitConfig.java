package io.labelstream.platform.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;
import java.util.Optional;

/**
 * Request body limits per endpoint. {@code labelstream.http.max-body-size} applies to every path no
 * named limit matches; a named limit ({@code labelstream.http.body-limits.NAME.path} a regular
 * expression over the request path, {@code ...max-size} its limit) overrides it for the paths it
 * matches. {@code quarkus.http.limits.max-body-size} stays the ceiling of them all.
 */
@ConfigMapping(prefix = "labelstream.http")
public interface BodyLimitConfig {

    /** Limit of a path no named limit matches; unset means the server's own ceiling. */
    Optional<MemorySize> maxBodySize();

    Map<String, PathLimit> bodyLimits();

    interface PathLimit {

        /** A regular expression the whole request path must match. */
        String path();

        @WithDefault("10M")
        MemorySize maxSize();
    }
}
