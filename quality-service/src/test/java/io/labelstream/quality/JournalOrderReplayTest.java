package io.labelstream.quality;

import io.agroal.api.AgroalDataSource;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.EventPayload;
import io.labelstream.contracts.MalformedEventException;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.ItemKind;
import io.labelstream.contracts.events.ReferenceAnswerSet;
import io.labelstream.platform.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * With WEIGHTED and DAWID_SKENE an item's consensus depends on its annotators' reliability, which decisions on
 * other items moved before, so the state depends on the order in which the consumers of the annotation log's
 * partitions applied annotations of different items. A rebuild applies them in the order the journal kept and
 * reaches the very state the live consumers reached.
 */
@QuarkusTest
class JournalOrderReplayTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final List<String> CHOICES = List.of("pos", "neg", "neu");
    /** How often each of the eight annotators gives an item's true category, and how long they take per label. */
    private static final double[] ACCURACY = {0.95, 0.9, 0.85, 0.75, 0.7, 0.6, 0.5, 0.4};
    private static final long[] MILLIS = {6_000, 7_500, 5_000, 9_000, 6_500, 4_000, 8_000, 1_200};

    @Inject
    AgroalDataSource dataSource;

    /**
     * About 400 labels: the crowd model is fitted between them (first at 256 labels), and the rebuild fits it at
     * the same points of the journal.
     */
    @Test
    void aDawidSkeneRebuildEqualsTheStateTheConcurrentConsumersReached() {
        QualityFixtures project = rebuildEqualsLive("DAWID_SKENE");
        assertThat(journalled(project, "REFIT")).as("crowd model fits between the annotations").isPositive();
    }

    @Test
    void aWeightedRebuildEqualsTheStateTheConcurrentConsumersReached() {
        rebuildEqualsLive("WEIGHTED");
    }

    /**
     * A rebuild writes back only the rows that differ from the stored ones, so it must find every stored row that
     * went wrong: changed, missing, or left over.
     */
    @Test
    void aRebuildRepairsStoredRowsThatWentWrong() {
        rebuildEqualsLive("WEIGHTED", project -> {
            update(project, "update quality_item set decision = 'DISPUTED', confidence = 0.01, label_count = 9 "
                    + "where item_id in (select item_id from quality_item where project_id = ? order by item_id limit 2)");
            update(project, "delete from quality_label where annotation_id = "
                    + "(select annotation_id from quality_label where project_id = ? order by annotation_id limit 1)");
            update(project, "update quality_label set consensus_score = 0.125, server_duration_ms = 1, too_fast = true, "
                    + "credited = null where annotation_id = (select annotation_id from quality_label "
                    + "where project_id = ? order by annotation_id desc limit 1)");
            update(project, "insert into quality_label (annotation_id, item_id, project_id, annotator_id, label, "
                    + "revision, server_duration_ms, submitted_at) select gen_random_uuid(), item_id, project_id, "
                    + "'left-over', '{\"choice\": \"pos\"}', 1, 5000, now() from quality_item where project_id = ? limit 1");
            update(project, "update quality_annotator set label_count = label_count + 7, flags = '{TOO_FAST}' "
                    + "where project_id = ?");
            update(project, "update quality_annotator_confusion set mass = mass + 1 where project_id = ?");
            update(project, "delete from quality_annotator_category where project_id = ? and category = 'pos'");
            update(project, "insert into quality_annotator_confusion (project_id, annotator_id, truth, given, mass) "
                    + "values (?, 'left-over', 'pos', 'neg', 2.0)");
            assertThat(QualityState.of(dataSource, project.projectId).labels()).extracting(l -> l.get("annotator_id"))
                    .contains("left-over");
        });
    }

    @Test
    void aRebuildQuarantinesWhereTheReferenceAnswersCameLiveAndReassessesWhereTheFollowUpDid() {
        QualityFixtures project = new QualityFixtures(QualityFixtures.policies(3, 5, 2, "DAWID_SKENE"), 8).defined();
        String careless = project.annotators.get(7);
        Random random = new Random(11);
        UUID gold1 = UUID.randomUUID();
        UUID gold2 = UUID.randomUUID();
        List<UUID> regular = items(60);
        List<EventPayload> catalog = new ArrayList<>();
        catalog.add(project.itemIngested(gold1, ItemKind.GOLD, null));
        catalog.add(project.itemIngested(gold2, ItemKind.GOLD, null));
        regular.forEach(itemId -> catalog.add(project.itemIngested(itemId, ItemKind.REGULAR, null)));
        KafkaTopics.sendAll(Topics.ITEMS, catalog);

        // the gold items are labeled before their answers are known: the careless annotator gets both wrong
        List<AnnotationSubmitted> first = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String annotator = project.annotators.get(i == 3 ? 7 : i);
            first.add(project.annotation(gold1, annotator, annotator.equals(careless) ? "neg" : "pos"));
            first.add(project.annotation(gold2, annotator, annotator.equals(careless) ? "pos" : "neg"));
        }
        regular.subList(0, 30).forEach(itemId -> first.addAll(crowdLabels(project, itemId, random)));
        KafkaTopics.sendAll(Topics.ANNOTATIONS, first);
        await().atMost(WAIT).until(() -> journalled(project, "ANNOTATION") == first.size());

        // the answers arrive while the next labels are applied: the careless annotator is quarantined and their
        // items are assessed again in between
        List<AnnotationSubmitted> second = new ArrayList<>();
        regular.subList(30, 60).forEach(itemId -> second.addAll(crowdLabels(project, itemId, random)));
        KafkaTopics.sendAll(Topics.ANNOTATIONS, second);
        KafkaTopics.sendAll(Topics.REFERENCE_ANSWERS, List.of(
                new ReferenceAnswerSet(gold1, project.projectId, QualityFixtures.choice("pos"), 1),
                new ReferenceAnswerSet(gold2, project.projectId, QualityFixtures.choice("neg"), 1)));
        int sent = first.size() + second.size();
        await().atMost(WAIT).until(() -> journalled(project, "ANNOTATION") == sent
                && "QUARANTINED".equals(status(project, careless))
                && itemsCountingQuarantinedLabels(project) == 0);
        assertThat(journalled(project, "REFERENCE")).isEqualTo(2);
        assertThat(journalled(project, "REASSESS")).as("the careless annotator's items were assessed again")
                .isPositive();

        QualityState live = QualityState.of(dataSource, project.projectId);
        long steps = journalled(project, null);
        rebuild(project, sent);

        QualityState.of(dataSource, project.projectId).assertEquals(live);
        assertThat(journalled(project, null)).as("a rebuild of a fully journalled project adds no step").isEqualTo(steps);
    }

    private QualityFixtures rebuildEqualsLive(String aggregation) {
        return rebuildEqualsLive(aggregation, project -> {
        });
    }

    /** @param beforeRebuild what happens to the project's stored state once live is taken, before the rebuild */
    private QualityFixtures rebuildEqualsLive(String aggregation, Consumer<QualityFixtures> beforeRebuild) {
        QualityFixtures project = new QualityFixtures(QualityFixtures.policies(3, 5, 0, aggregation), 8).defined();
        Random random = new Random(aggregation.hashCode());
        List<UUID> itemIds = items(100);
        KafkaTopics.sendAll(Topics.ITEMS, itemIds.stream()
                .map(itemId -> project.itemIngested(itemId, ItemKind.REGULAR, null)).toList());
        List<AnnotationSubmitted> annotations = new ArrayList<>();
        itemIds.forEach(itemId -> annotations.addAll(crowdLabels(project, itemId, random)));
        // a few annotators change their minds; each revision follows its first submission on the item's partition
        int firstSubmissions = annotations.size();
        for (int i = 0; i < firstSubmissions; i += 40) {
            AnnotationSubmitted original = annotations.get(i);
            String other = CHOICES.get((CHOICES.indexOf(original.label().path("choice").asText()) + 1) % 3);
            annotations.add(QualityFixtures.revised(original, other));
        }
        KafkaTopics.sendAll(Topics.ANNOTATIONS, annotations);
        await().atMost(WAIT).until(() -> journalled(project, "ANNOTATION") == annotations.size());
        // a fit due after the last label runs after it, in a transaction of its own, and once the labels have gone
        // quiet the model is fitted over all of them: only then has the live state settled
        await().atMost(WAIT).until(() -> !aggregation.equals("DAWID_SKENE")
                || QualityState.fittedOverAllLabels(dataSource, project.projectId));

        assertThat(partitionSwitchesInJournalOrder(project))
                .as("the consumers applied the partitions' annotations interleaved, not in the log's order")
                .isGreaterThan(2);
        QualityState live = QualityState.of(dataSource, project.projectId);
        assertThat(live.items()).extracting(i -> i.get("decision")).contains("RESOLVED").doesNotContainNull();
        long steps = journalled(project, null);
        beforeRebuild.accept(project);

        rebuild(project, annotations.size());

        QualityState.of(dataSource, project.projectId).assertEquals(live);
        assertThat(journalled(project, null)).as("a rebuild of a fully journalled project adds no step").isEqualTo(steps);
        return project;
    }

    /** Three to five labels from distinct annotators, each right as often as their accuracy says. */
    private static List<AnnotationSubmitted> crowdLabels(QualityFixtures project, UUID itemId, Random random) {
        String truth = CHOICES.get(random.nextInt(CHOICES.size()));
        List<Integer> annotators = new ArrayList<>(IntStream.range(0, ACCURACY.length).boxed().toList());
        Collections.shuffle(annotators, random);
        List<AnnotationSubmitted> labels = new ArrayList<>();
        for (int a : annotators.subList(0, 3 + random.nextInt(3))) {
            String choice = random.nextDouble() < ACCURACY[a] ? truth
                    : CHOICES.get((CHOICES.indexOf(truth) + 1 + random.nextInt(2)) % 3);
            labels.add(project.annotation(itemId, project.annotators.get(a), choice, MILLIS[a]));
        }
        return labels;
    }

    private static List<UUID> items(int count) {
        return IntStream.range(0, count).mapToObj(i -> UUID.randomUUID()).toList();
    }

    private static void rebuild(QualityFixtures project, int annotations) {
        String manager = QualityFixtures.token(project.manager, Roles.MANAGER);
        String location = given().auth().oauth2(manager).post("/projects/{p}/quality/replays", project.projectId)
                .then().statusCode(202).extract().header("Location");
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(manager).get(location)
                .then().statusCode(200).body("state", equalTo("COMPLETED"))
                .body("annotationsApplied", equalTo(annotations)));
    }

    /**
     * How often two annotations applied one after the other live came from different partitions. Read partition
     * by partition, as a rebuild reads the log, that happens only twice.
     */
    private int partitionSwitchesInJournalOrder(QualityFixtures project) {
        Map<String, Integer> partitions = new HashMap<>();
        for (ConsumerRecord<String, String> record : KafkaTopics.readAll(Topics.ANNOTATIONS)) {
            EventEnvelope envelope = envelopeOrNull(record.value());
            if (envelope != null && project.projectId.equals(envelope.projectId())) {
                AnnotationSubmitted annotation = EventCodec.payload(envelope, AnnotationSubmitted.class);
                partitions.put(annotation.annotationId() + "/" + annotation.revision(), record.partition());
            }
        }
        List<Integer> applied = strings(project, "select annotation_id || '/' || revision from quality_step "
                + "where project_id = ? and kind = 'ANNOTATION' order by seq").stream().map(partitions::get).toList();
        int switches = 0;
        for (int i = 1; i < applied.size(); i++) {
            switches += applied.get(i).equals(applied.get(i - 1)) ? 0 : 1;
        }
        return switches;
    }

    /** The record's envelope; null for tombstones and the poison records other tests put on the topic. */
    private static EventEnvelope envelopeOrNull(String value) {
        try {
            return value == null ? null : EventCodec.read(value);
        } catch (MalformedEventException poison) {
            return null;
        }
    }

    private long journalled(QualityFixtures project, String kind) {
        return Long.parseLong(strings(project, "select count(*) from quality_step where project_id = ?"
                + (kind == null ? "" : " and kind = '" + kind + "'")).get(0));
    }

    private String status(QualityFixtures project, String annotatorId) {
        List<String> status = strings(project, "select status from quality_annotator where project_id = ? "
                + "and annotator_id = '" + annotatorId + "'");
        return status.isEmpty() ? null : status.get(0);
    }

    /** Regular items whose assessment still counts labels of a quarantined annotator: a follow-up to come. */
    private long itemsCountingQuarantinedLabels(QualityFixtures project) {
        return Long.parseLong(strings(project, """
                select count(*) from quality_item i where i.project_id = ? and not i.gold and i.label_count <>
                    (select count(*) from quality_label l join quality_annotator a
                       on a.project_id = l.project_id and a.annotator_id = l.annotator_id
                     where l.item_id = i.item_id and a.status <> 'QUARANTINED')""").get(0));
    }

    private void update(QualityFixtures project, String sql) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(sql)) {
            update.setObject(1, project.projectId);
            assertThat(update.executeUpdate()).as(sql).isPositive();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> strings(QualityFixtures project, String sql) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, project.projectId);
            List<String> values = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    values.add(result.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
