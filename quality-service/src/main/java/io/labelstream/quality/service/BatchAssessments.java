package io.labelstream.quality.service;

import io.labelstream.contracts.EventPayload;
import io.labelstream.contracts.events.AnnotatorAssessed;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The assessments a poll batch's steps staged, in their order, as the batch publishes them: every item decision,
 * and of each annotator's assessments only the last. A batch commits as one, so no consumer can see an
 * annotator's state between two of its steps, and each assessment carries the annotator's whole state (status,
 * flags, counts); the last is all a consumer keeps. A flood's batch of a thousand labels by a few hundred
 * annotators publishes a few hundred assessments of them instead of a thousand.
 */
final class BatchAssessments {

    private final List<EventPayload> staged = new ArrayList<>();

    /** An item's or an annotator's assessment, after those staged before it. */
    void add(EventPayload assessment) {
        staged.add(assessment);
    }

    /** The events to publish, in order: each annotator's last assessment stays where it was staged. */
    List<EventPayload> toPublish() {
        Set<AnnotatorOfProject> assessedLater = new HashSet<>();
        List<EventPayload> kept = new ArrayList<>(staged.size());
        for (int i = staged.size() - 1; i >= 0; i--) {
            EventPayload event = staged.get(i);
            if (!(event instanceof AnnotatorAssessed annotator)
                    || assessedLater.add(new AnnotatorOfProject(annotator.projectId(), annotator.annotatorId()))) {
                kept.add(event);
            }
        }
        Collections.reverse(kept);
        return kept;
    }

    private record AnnotatorOfProject(UUID projectId, String annotatorId) {
    }
}
