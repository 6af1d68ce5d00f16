package io.labelstream.quality.service;

import io.labelstream.contracts.EventPayload;
import io.labelstream.contracts.events.AnnotatorAssessed;
import io.labelstream.contracts.events.AnnotatorStatus;
import io.labelstream.contracts.events.ItemAssessed;
import io.labelstream.contracts.events.ItemDecision;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What a batch publishes of its steps' assessments: every item decision, each annotator's last assessment. */
class BatchAssessmentsTest {

    private static final UUID PROJECT = UUID.randomUUID();
    private static final UUID OTHER_PROJECT = UUID.randomUUID();

    @Test
    void eachAnnotatorsLastAssessmentStaysWhereItWasStagedAndItemsAllStay() {
        ItemAssessed firstItem = item();
        ItemAssessed secondItem = item();
        ItemAssessed firstItemAgain = item(firstItem.itemId(), 4);
        AnnotatorAssessed ann1 = annotator(PROJECT, "ann", 1);
        AnnotatorAssessed bob1 = annotator(PROJECT, "bob", 1);
        AnnotatorAssessed ann2 = annotator(PROJECT, "ann", 2);
        AnnotatorAssessed annElsewhere = annotator(OTHER_PROJECT, "ann", 7);
        AnnotatorAssessed bob2 = annotator(PROJECT, "bob", 2);

        BatchAssessments staged = stage(firstItem, ann1, bob1, secondItem, ann2, annElsewhere, firstItemAgain, bob2);

        assertThat(staged.toPublish())
                .containsExactly(firstItem, secondItem, ann2, annElsewhere, firstItemAgain, bob2);
    }

    @Test
    void aStepOfItsOwnPublishesAllItStaged() {
        ItemAssessed item = item();
        AnnotatorAssessed ann = annotator(PROJECT, "ann", 3);
        AnnotatorAssessed bob = annotator(PROJECT, "bob", 5);

        assertThat(stage(item, ann, bob).toPublish()).containsExactly(item, ann, bob);
        assertThat(new BatchAssessments().toPublish()).isEmpty();
    }

    private static BatchAssessments stage(EventPayload... events) {
        BatchAssessments staged = new BatchAssessments();
        List.of(events).forEach(staged::add);
        return staged;
    }

    private static ItemAssessed item() {
        return item(UUID.randomUUID(), 3);
    }

    private static ItemAssessed item(UUID itemId, int labels) {
        return new ItemAssessed(itemId, PROJECT, ItemDecision.RESOLVED, null, 0.9, 1.0, "MAJORITY", labels, List.of(),
                1, Instant.EPOCH);
    }

    private static AnnotatorAssessed annotator(UUID projectId, String annotatorId, int labels) {
        return new AnnotatorAssessed(annotatorId, projectId, AnnotatorStatus.ACTIVE, null, 0, null, labels, null,
                List.of(), Instant.EPOCH);
    }
}
