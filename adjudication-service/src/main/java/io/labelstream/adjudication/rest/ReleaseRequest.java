package io.labelstream.adjudication.rest;

import io.labelstream.adjudication.domain.ExportFilter;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/** A named release of the current gold set, optionally narrowed like an export. */
public record ReleaseRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*",
                message = "letters, digits, '.', '_' and '-', starting with a letter or digit") String name,
        @Size(max = 4000) String description,
        @Min(1) Integer minVersion,
        @Min(1) Integer maxVersion,
        Instant decidedFrom,
        Instant decidedBefore) {

    ExportFilter filter() {
        return new ExportFilter(minVersion, maxVersion, decidedFrom, decidedBefore);
    }
}
