package io.labelstream.ingestion.rest;

import io.labelstream.ingestion.domain.LineOutcome;

import java.util.List;
import java.util.UUID;

/** The answer to a JSON batch: counts, and what became of each item by its 1-based position. */
public record IngestResult(long accepted, long duplicates, long rejected, List<Line> lines) {

    public record Line(long line, LineOutcome.Status status, UUID itemId, String reason) {
    }

    static IngestResult of(List<LineOutcome> outcomes) {
        return new IngestResult(count(outcomes, LineOutcome.Status.ACCEPTED), count(outcomes, LineOutcome.Status.DUPLICATE),
                count(outcomes, LineOutcome.Status.REJECTED), outcomes.stream()
                .map(o -> new Line(o.line(), o.status(), o.itemId(), o.violations().isEmpty() ? null : o.reason()))
                .toList());
    }

    private static long count(List<LineOutcome> outcomes, LineOutcome.Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }
}
