package io.labelstream.ingestion.domain;

import java.util.List;
import java.util.UUID;

/** What became of one submitted item (one line of a bulk import). */
public record LineOutcome(long line, Status status, UUID itemId, List<Violation> violations) {

    public enum Status { ACCEPTED, DUPLICATE, REJECTED }

    public static LineOutcome accepted(long line, UUID itemId) {
        return new LineOutcome(line, Status.ACCEPTED, itemId, List.of());
    }

    public static LineOutcome duplicate(long line, UUID itemId) {
        return new LineOutcome(line, Status.DUPLICATE, itemId, List.of());
    }

    public static LineOutcome rejected(long line, List<Violation> violations) {
        return new LineOutcome(line, Status.REJECTED, null, List.copyOf(violations));
    }

    public String reason() {
        return String.join("; ", violations.stream().map(Violation::toString).toList());
    }
}
