package io.labelstream.quality.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.quality.service.AgreementReport;

import java.time.Instant;
import java.util.List;

/** The project's agreement now and its snapshots over time, oldest first. */
public record AgreementView(AgreementReport current, List<Snapshot> history) {

    /** One snapshot: the agreement report as it stood at {@code takenAt}. */
    public record Snapshot(Instant takenAt, long annotationCount, long itemCount, JsonNode report) {
    }
}
