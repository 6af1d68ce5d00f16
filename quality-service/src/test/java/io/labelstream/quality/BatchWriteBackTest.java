package io.labelstream.quality;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.quality.service.AnnotationBatchIntake;
import io.labelstream.quality.service.AnnotationDelivery;
import io.labelstream.quality.service.AnnotationIntake;
import io.labelstream.quality.service.BatchReassessment;
import io.labelstream.quality.service.CrowdModelRefit;
import io.labelstream.quality.service.QualitySteps;
import io.labelstream.quality.service.QuarantineFollowUp;
import io.labelstream.quality.service.StepEffects;
import io.labelstream.quality.service.StepInputs;
import io.labelstream.quality.service.StepPublisher;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A poll batch applied in memory and written back in bulk leaves what the same annotations applied one transaction
 * each leave. Two projects with the same annotators get the same history one annotation per transaction, then the
 * same annotations: as one batch in one, one by one in the other. The batch finishes items that have labels
 * already, adds labels to a decided item, revises a label of the history and one of its own, names annotators
 * spread over several items, and carries one event twice. Items, labels, annotators, category and confusion
 * counts, what was last published and the journal end the same, and so do the events published, but that the batch
 * publishes of each annotator's assessments within it only the last. A crowd-model fit's re-assessment of many items
 * together is held to the same standard against the same re-assessments one item at a time.
 */
@QuarkusTest
class BatchWriteBackTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Inject
    AnnotationBatchIntake batches;

    @Inject
    AnnotationIntake single;

    @Inject
    QuarantineFollowUp followUp;

    @Inject
    CrowdModelRefit refits;

    @Inject
    BatchReassessment reassessment;

    @Inject
    QualitySteps steps;

    @Inject
    StepPublisher publisher;

    @Inject
    AgroalDataSource dataSource;

    /** The one-by-one project's ids, by the batched project's. */
    private final Map<UUID, UUID> twin = new HashMap<>();

    @Test
    void aBatchWrittenBackInBulkLeavesTheStateOfOneAnnotationPerTransaction() {
        Twins twins = definedTwins("WEIGHTED");
        QualityFixtures batched = twins.batched();
        QualityFixtures oneByOne = twins.oneByOne();
        List<String> a = batched.annotators;
        List<UUID> items = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            items.add(UUID.randomUUID());
            twin.put(items.get(i), UUID.randomUUID());
        }

        AnnotationSubmitted laterRevised = batched.annotation(items.get(2), a.get(3), "neu");
        List<AnnotationSubmitted> history = List.of(
                batched.annotation(items.get(0), a.get(0), "pos"),
                batched.annotation(items.get(0), a.get(1), "pos"),
                batched.annotation(items.get(1), a.get(0), "neg"),
                batched.annotation(items.get(2), a.get(1), "neu"),
                batched.annotation(items.get(2), a.get(2), "neu"),
                laterRevised);
        for (AnnotationSubmitted annotation : history) {
            single.submitted(annotation);
            single.submitted(twinOf(annotation, oneByOne));
        }
        long historySteps = count("select count(*) from quality_step where project_id = ?", batched.projectId);

        AnnotationSubmitted revisedInBatch = batched.annotation(items.get(3), a.get(2), "neg");
        List<AnnotationDelivery> batch = new ArrayList<>(List.of(
                delivery(batched.annotation(items.get(0), a.get(2), "pos")),
                delivery(batched.annotation(items.get(1), a.get(1), "neg")),
                delivery(batched.annotation(items.get(1), a.get(2), "pos")),
                delivery(batched.annotation(items.get(3), a.get(0), "pos")),
                delivery(batched.annotation(items.get(3), a.get(1), "pos")),
                delivery(revisedInBatch),
                delivery(QualityFixtures.revised(laterRevised, "pos")),
                delivery(batched.annotation(items.get(0), a.get(3), "neg")),
                delivery(QualityFixtures.revised(revisedInBatch, "pos")),
                delivery(batched.annotation(items.get(4), a.get(3), "neu"))));
        batch.add(batch.get(4));

        assertThat(batches.take(batch)).hasSize(batch.size()).allMatch(AnnotationBatchIntake.Taken::applied);
        List<StepEffects> committed = new ArrayList<>();
        for (AnnotationDelivery delivery : batch) {
            committed.add(single.submitted(twinOf(delivery.annotation(), oneByOne)));
        }
        // the follow-ups the batch ran after its commit
        committed.forEach(followUp::afterCommit);
        committed.forEach(effects -> refits.afterLiveLabel(oneByOne.projectId));

        assertThat(count("select count(distinct xmin::text) from quality_step where project_id = ? and seq > "
                + maxSeqBefore(batched, historySteps), batched.projectId))
                .as("the batch was applied in one transaction, not one annotation at a time").isEqualTo(1);
        assertThat(count("select count(*) from quality_step where project_id = ?", batched.projectId))
                .isEqualTo(historySteps + 10);
        assertThat(count("select count(*) from quality_item where project_id = ? and decision is not null",
                batched.projectId)).isGreaterThanOrEqualTo(3);
        assertThat(count("select count(*) from quality_annotator_confusion where project_id = ?", batched.projectId))
                .isPositive();

        assertSameState(batched, oneByOne);
        String journal = "select kind, item_id, annotation_id, revision, submitted_at, project_median_seconds"
                + " from quality_step where project_id = ? order by seq";
        assertThat(rows(journal, batched.projectId)).isEqualTo(renamedInOrder(rows(journal, oneByOne.projectId)));

        Map<String, List<String>> batchedEvents = eventsByKey(batched);
        Map<String, List<String>> oneByOneEvents = renamedEvents(eventsByKey(oneByOne));
        assertThat(batchedEvents.keySet()).isEqualTo(oneByOneEvents.keySet());
        batchedEvents.forEach((key, events) -> {
            List<String> oneAtATime = oneByOneEvents.get(key);
            if (key.startsWith("ItemAssessed")) {
                assertThat(events).as(key).isEqualTo(oneAtATime);
            } else {
                // a batch publishes each annotator's last assessment of its steps, not every one in between
                assertThat(oneAtATime).as(key).containsSubsequence(events);
                assertThat(events.get(events.size() - 1)).as(key).isEqualTo(oneAtATime.get(oneAtATime.size() - 1));
            }
        });
        assertThat(count(batchedEvents, "AnnotatorAssessed")).isLessThan(count(oneByOneEvents, "AnnotatorAssessed"));
    }

    /**
     * A crowd-model fit's re-assessment of the items it decides differently, all of them in one working set, leaves
     * what the same re-assessments one item at a time leave. Two projects get the same labels on four decided
     * items; one item's label has since been revised. Each then has its items decided again by the same fitted
     * posteriors, which favour another category: in one project together, in the other item by item. Items,
     * labels, annotators and their counts, what was published and the events end the same.
     */
    @Test
    void aFitsReassessmentInMemoryLeavesTheStateOfOneItemAtATime() {
        Twins twins = definedTwins("DAWID_SKENE");
        QualityFixtures batched = twins.batched();
        QualityFixtures oneByOne = twins.oneByOne();
        List<String> a = batched.annotators;
        Map<UUID, Map<String, Double>> fitted = new TreeMap<>();
        List<String> given = List.of("pos", "pos", "neg", "neu");
        for (int i = 0; i < given.size(); i++) {
            UUID item = UUID.randomUUID();
            twin.put(item, UUID.randomUUID());
            for (int j = 0; j < 3; j++) {
                AnnotationSubmitted annotation = batched.annotation(item, a.get((i + j) % a.size()),
                        j == 2 && i == 0 ? "neu" : given.get(i));
                single.submitted(annotation);
                single.submitted(twinOf(annotation, oneByOne));
                if (j == 2 && i == 0) {
                    AnnotationSubmitted revised = QualityFixtures.revised(annotation, "pos");
                    single.submitted(revised);
                    single.submitted(twinOf(revised, oneByOne));
                }
            }
            fitted.put(item, given.get(i).equals("neg")
                    ? Map.of("neg", 0.15, "neu", 0.8, "pos", 0.05)
                    : Map.of("neg", 0.85, "neu", 0.1, "pos", 0.05));
        }
        assertThat(count("select count(*) from quality_item where project_id = ? and decision is not null",
                batched.projectId)).isEqualTo(given.size());

        QuarkusTransaction.requiringNew().run(() -> publisher.publish(
                reassessment.byFittedPosteriors(batched.projectId, fitted, StepInputs.live())));
        QuarkusTransaction.requiringNew().run(() -> {
            StepEffects effects = StepEffects.stateChanged();
            fitted.forEach((item, posterior) -> effects.include(
                    steps.reassess(twin.get(item), oneByOne.projectId, StepInputs.live(), posterior)));
            publisher.publish(effects);
        });

        assertThat(rows("select consensus_label ->> 'choice' as choice from quality_item where project_id = ?",
                batched.projectId)).extracting(row -> row.get("choice"))
                .as("the fitted posteriors decide every item").containsExactlyInAnyOrder("neg", "neg", "neu", "neg");
        assertSameState(batched, oneByOne);
        assertThat(eventsByKey(batched)).isEqualTo(renamedEvents(eventsByKey(oneByOne)));
    }

    /** Two projects with the same annotators: one for the work done together, one for the same work one by one. */
    private record Twins(QualityFixtures batched, QualityFixtures oneByOne) {
    }

    /** Defines twin projects of four annotators and remembers the one-by-one project's id as the batched one's twin. */
    private Twins definedTwins(String aggregation) {
        QualityFixtures batched = new QualityFixtures(QualityFixtures.policies(3, 5, 0, aggregation), 4);
        QualityFixtures oneByOne = new QualityFixtures(QualityFixtures.policies(3, 5, 0, aggregation), 0);
        oneByOne.annotators.addAll(batched.annotators);
        batched.defined();
        oneByOne.defined();
        twin.put(batched.projectId, oneByOne.projectId);
        return new Twins(batched, oneByOne);
    }

    /** Both projects' stored quality state is the same, once the one-by-one project's ids are renamed. */
    private void assertSameState(QualityFixtures batched, QualityFixtures oneByOne) {
        QualityState expected = QualityState.of(dataSource, oneByOne.projectId);
        QualityState batchedState = QualityState.of(dataSource, batched.projectId);
        QualityState actual = new QualityState(sorted(batchedState.items()), sorted(batchedState.labels()),
                sorted(batchedState.annotators()), sorted(batchedState.confusion()),
                sorted(batchedState.categories()), batchedState.model());
        actual.assertEquals(new QualityState(renamed(expected.items()), renamed(expected.labels()),
                renamed(expected.annotators()), renamed(expected.confusion()), renamed(expected.categories()),
                renamed(expected.model())));
        String published = "select item_id, published_decision, published_label::text from quality_item"
                + " where project_id = ?";
        assertThat(sorted(rows(published, batched.projectId))).isEqualTo(renamed(rows(published, oneByOne.projectId)));
    }

    private static int count(Map<String, List<String>> eventsByKey, String type) {
        return eventsByKey.entrySet().stream().filter(e -> e.getKey().startsWith(type))
                .mapToInt(e -> e.getValue().size()).sum();
    }

    private AnnotationSubmitted twinOf(AnnotationSubmitted a, QualityFixtures project) {
        UUID annotationId = twin.computeIfAbsent(a.annotationId(), id -> UUID.randomUUID());
        return new AnnotationSubmitted(annotationId, a.assignmentId(), twin.get(a.itemId()), project.projectId,
                a.annotatorId(), a.label(), a.clientDurationMs(), a.serverDurationMs(), a.schemaVersion(),
                a.guidelineVersion(), a.revision(), a.submittedAt());
    }

    private static AnnotationDelivery delivery(AnnotationSubmitted annotation) {
        return new AnnotationDelivery(UUID.randomUUID(), annotation);
    }

    /** A value of the one-by-one project with its ids replaced by the batched project's. */
    private Object renamed(Object value) {
        if (value instanceof UUID id) {
            return original(id);
        }
        if (value instanceof String text) {
            String renamed = text;
            for (Map.Entry<UUID, UUID> ids : twin.entrySet()) {
                renamed = renamed.replace(ids.getValue().toString(), ids.getKey().toString());
            }
            return renamed;
        }
        return value;
    }

    private UUID original(UUID id) {
        return twin.entrySet().stream().filter(ids -> ids.getValue().equals(id)).map(Map.Entry::getKey).findFirst()
                .orElse(id);
    }

    private List<Map<String, Object>> renamedInOrder(List<Map<String, Object>> rows) {
        List<Map<String, Object>> renamed = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> copy = new LinkedHashMap<>();
            row.forEach((column, value) -> copy.put(column, renamed(value)));
            renamed.add(copy);
        }
        return renamed;
    }

    /** Renamed, then in the order of the batched project's ids, as its own rows are sorted. */
    private List<Map<String, Object>> renamed(List<Map<String, Object>> rows) {
        return sorted(renamedInOrder(rows));
    }

    private static List<Map<String, Object>> sorted(List<Map<String, Object>> rows) {
        List<Map<String, Object>> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(row -> row.values().stream().map(String::valueOf).toList().toString()));
        return sorted;
    }

    /** Each record key's event payloads, in publishing order, once the outbox has sent the project's events. */
    private Map<String, List<String>> eventsByKey(QualityFixtures project) {
        await().atMost(WAIT).until(() -> unsentEvents(project) == 0);
        Map<String, List<String>> events = new TreeMap<>();
        for (String topic : List.of(Topics.ITEM_QUALITY, Topics.ANNOTATOR_QUALITY)) {
            String type = topic.equals(Topics.ITEM_QUALITY) ? "ItemAssessed" : "AnnotatorAssessed";
            for (JsonNode payload : KafkaTopics.payloads(topic, type,
                    p -> project.projectId.toString().equals(p.path("projectId").asText()))) {
                String key = type + " " + payload.path(type.equals("ItemAssessed") ? "itemId" : "annotatorId").asText();
                events.computeIfAbsent(key, k -> new ArrayList<>()).add(payload.toString());
            }
        }
        return events;
    }

    private Map<String, List<String>> renamedEvents(Map<String, List<String>> events) {
        Map<String, List<String>> renamed = new TreeMap<>();
        events.forEach((key, payloads) -> renamed.put((String) renamed(key),
                payloads.stream().map(payload -> (String) renamed(payload)).toList()));
        return renamed;
    }

    private long unsentEvents(QualityFixtures project) {
        return count("select count(*) from outbox_event where payload like '%' || ?::text || '%'", project.projectId);
    }

    private long maxSeqBefore(QualityFixtures project, long steps) {
        return count("select seq from quality_step where project_id = ? order by seq offset " + (steps - 1)
                + " limit 1", project.projectId);
    }

    private long count(String sql, UUID projectId) {
        return ((Number) rows(sql, projectId).get(0).values().iterator().next()).longValue();
    }

    private List<Map<String, Object>> rows(String sql, UUID projectId) {
        return QualityState.rows(dataSource, sql, projectId);
    }
}
