package io.labelstream.assignment;

import io.agroal.api.AgroalDataSource;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.DecidedBy;
import io.labelstream.contracts.events.GoldLabel;
import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.events.ModelPrediction;
import io.labelstream.contracts.project.ProjectState;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.labelstream.assignment.TaskPoolFixture.annotators;
import static io.labelstream.assignment.TaskPoolFixture.awaitApplied;
import static io.labelstream.assignment.TaskPoolFixture.awaitPool;
import static io.labelstream.assignment.TaskPoolFixture.drain;
import static io.labelstream.assignment.TaskPoolFixture.next;
import static io.labelstream.assignment.TaskPoolFixture.policies;
import static io.labelstream.assignment.TaskPoolFixture.project;
import static io.labelstream.assignment.TaskPoolFixture.publish;
import static io.labelstream.assignment.TaskPoolFixture.regular;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class PoolOrderingAndPoisonTest {

    private final AgroalDataSource dataSource;

    PoolOrderingAndPoisonTest(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Test
    void theMostUncertainItemsComeFirstThenTheOldest() {
        UUID projectId = UUID.randomUUID();
        String ann = "ann-" + UUID.randomUUID();
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(1, 1, 0, 0, 600), 1,
                annotators(ann)));
        Instant start = Instant.now().minusSeconds(60);
        List<ItemIngested> items = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ItemIngested base = regular(projectId);
            ItemIngested aged = new ItemIngested(base.itemId(), projectId, base.externalId(), base.kind(), false, false,
                    base.data(), null, base.contentHash(), 2, start.plusSeconds(i));
            items.add(aged);
            publish(Topics.ITEMS, aged);
        }
        awaitPool(dataSource, projectId, 4);
        // the newest item: the model has no idea; the second: the model is sure
        awaitApplied(dataSource, publish(Topics.PREDICTIONS, new ModelPrediction(items.get(3).itemId(), projectId,
                "m1", Map.of("positive", 0.5, "negative", 0.5), null, Instant.now(), null)));
        awaitApplied(dataSource, publish(Topics.PREDICTIONS, new ModelPrediction(items.get(1).itemId(), projectId,
                "m1", Map.of("positive", 0.99, "negative", 0.01), null, Instant.now(), null)));

        List<String> served = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            served.add(next(projectId, ann).then().statusCode(200).extract().path("itemId"));
        }

        // no prediction counts as no uncertainty: a slightly unsure item still goes before unpredicted ones
        assertThat(served).containsExactly(items.get(3).itemId().toString(), items.get(1).itemId().toString(),
                items.get(0).itemId().toString(), items.get(2).itemId().toString());
    }

    @Test
    void anItemThatBecameGoldWithoutItsAnnotatorsIsNotServedAgain() {
        UUID projectId = UUID.randomUUID();
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(2, 2, 0, 0, 600), 1,
                annotators("pre-1", "pre-2")));
        ItemIngested preLabelled = regular(projectId);
        ItemIngested open = regular(projectId);
        publish(Topics.ITEMS, preLabelled);
        publish(Topics.ITEMS, open);
        awaitPool(dataSource, projectId, 2);
        // a model decided it: no annotation, no assessment, only the gold label
        awaitApplied(dataSource, publish(Topics.GOLD, new GoldLabel(preLabelled.itemId(), projectId,
                preLabelled.externalId(), EventCodec.mapper().createObjectNode().put("choice", "positive"), 1,
                DecidedBy.MODEL, null, 0.99, List.of(), 1, 1, Instant.now(), "m1")));

        for (String annotator : List.of("pre-1", "pre-2")) {
            assertThat(drain(projectId, annotator)).containsExactly(open.itemId().toString());
        }
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextRecordIsStillApplied() {
        String key = "poison-" + UUID.randomUUID();
        TaskPoolFixture.send(Topics.ITEMS, key, "{ this is not an envelope");
        UUID projectId = UUID.randomUUID();
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(1, 1, 0, 0, 600), 1,
                annotators("x")));
        publish(Topics.ITEMS, regular(projectId));

        awaitPool(dataSource, projectId, 1);
        assertThat(TaskPoolFixture.awaitKey(Topics.deadLetter(Topics.ITEMS), key)).contains("not an envelope");
    }
}
