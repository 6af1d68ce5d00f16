package io.labelstream.quality.repository;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/**
 * One step of a project's quality state in the order it was applied, with what a rebuild needs to apply it
 * again exactly: the annotation it applied (its content stays on the annotation log), the catalog change it
 * made, and the inputs it read that are not part of the state it locked.
 *
 * @param seq                  position in the journal; 0 until recorded
 * @param itemId               the item the step concerns; null for REFIT, which concerns the whole project
 * @param submittedAt          ANNOTATION: the time the step gave an annotation that carried none; null otherwise
 * @param projectMedianSeconds the project's median time per label the step compared annotators with (TOO_FAST);
 *                             null when it evaluated no annotator
 * @param gold                 ITEM: whether the item came as GOLD
 * @param annotatorsPerItem    ITEM: the item's own k, null for the project's
 * @param referenceAnswer      REFERENCE: the answer
 */
public record JournalStep(
        long seq,
        StepKind kind,
        UUID itemId,
        UUID annotationId,
        Integer revision,
        Instant submittedAt,
        Double projectMedianSeconds,
        Boolean gold,
        Integer annotatorsPerItem,
        JsonNode referenceAnswer) {

    public static JournalStep annotation(UUID itemId, UUID annotationId, int revision, Instant submittedAt,
                                         Double projectMedianSeconds) {
        return new JournalStep(0, StepKind.ANNOTATION, itemId, annotationId, revision, submittedAt,
                projectMedianSeconds, null, null, null);
    }

    public static JournalStep reassess(UUID itemId, Double projectMedianSeconds) {
        return new JournalStep(0, StepKind.REASSESS, itemId, null, null, null, projectMedianSeconds, null, null, null);
    }

    public static JournalStep reference(UUID itemId, JsonNode answer, Double projectMedianSeconds) {
        return new JournalStep(0, StepKind.REFERENCE, itemId, null, null, null, projectMedianSeconds, null, null,
                answer);
    }

    public static JournalStep refit(Double projectMedianSeconds) {
        return new JournalStep(0, StepKind.REFIT, null, null, null, null, projectMedianSeconds, null, null, null);
    }

    public static JournalStep item(UUID itemId, boolean gold, Integer annotatorsPerItem, Double projectMedianSeconds) {
        return new JournalStep(0, StepKind.ITEM, itemId, null, null, null, projectMedianSeconds, gold,
                annotatorsPerItem, null);
    }
}
