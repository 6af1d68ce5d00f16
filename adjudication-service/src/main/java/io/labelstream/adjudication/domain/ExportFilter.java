package io.labelstream.adjudication.domain;

import java.time.Instant;

/** Which current gold labels an export includes; null bounds are open. Versions inclusive, times half-open. */
public record ExportFilter(Integer minVersion, Integer maxVersion, Instant decidedFrom, Instant decidedBefore) {

    public static ExportFilter all() {
        return new ExportFilter(null, null, null, null);
    }
}
