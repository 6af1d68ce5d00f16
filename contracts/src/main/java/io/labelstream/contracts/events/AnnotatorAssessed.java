package io.labelstream.contracts.events;

import io.labelstream.contracts.EventPayload;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An annotator's measured quality within a project; keyed by annotator id. */
public record AnnotatorAssessed(
        String annotatorId,
        UUID projectId,
        AnnotatorStatus status,
        Double goldAccuracy,
        int goldAnswered,
        Double agreement,
        int labelCount,
        Double medianSecondsPerLabel,
        List<String> flags,
        Instant assessedAt) implements EventPayload {

    @Override
    public String key() {
        return annotatorId;
    }
}
