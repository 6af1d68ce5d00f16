package io.labelstream.quality;

import io.agroal.api.AgroalDataSource;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.ItemKind;
import io.labelstream.quality.domain.inference.Annotation;
import io.labelstream.quality.domain.inference.DawidSkeneBatch;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A DAWID_SKENE project whose labels ended between two crowd-model checkpoints is completed by its manager: its
 * model is fitted over all of its labels at once, and the consensus is then batch EM's, item by item. The quiet
 * time is an hour here, so the fit after the labels go quiet cannot be the one that does it.
 */
@QuarkusTest
@TestProfile(ProjectCompletionFitTest.QuietForAnHour.class)
class ProjectCompletionFitTest {

    public static class QuietForAnHour implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("labelstream.quality.inference.refit-when-quiet-for", "1h");
        }
    }

    /** 360 labels: past the first checkpoint (256 labels), short of the next. */
    private static final int ITEMS = 120;
    private static final int LABELS_PER_ITEM = 3;
    private static final double[] ANNOTATOR_ACCURACY = {0.85, 0.7, 0.6, 0.5, 0.45, 0.4};
    private static final List<String> CHOICES = List.of("pos", "neg", "neu");
    private static final Duration WAIT = Duration.ofMinutes(2);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void completingTheProjectFitsItsCrowdModelOverEveryLabelAndLeavesBatchEmsConsensus() {
        QualityFixtures project = new QualityFixtures(QualityFixtures.policies(3, 5, 0, "DAWID_SKENE"),
                ANNOTATOR_ACCURACY.length).defined();
        List<Annotation> answers = noisyCrowd(project, new Random(20261206));
        // the first 270 labels (90 items) pass the first checkpoint, which is fitted once they are in, however
        // many of them a poll batch applies together; the last 90 stay short of the next checkpoint (405)
        List<Annotation> first = answers.subList(0, 270);
        send(project, answers.stream().map(Annotation::item).distinct().toList(), first);
        await().atMost(WAIT).until(() -> journalledLabels(project) == first.size() && fittedLabels(project) >= 256);
        send(project, List.of(), answers.subList(first.size(), answers.size()));
        await().atMost(WAIT).until(() -> journalledLabels(project) == answers.size()
                && !QualityState.crowdModelDue(dataSource, project.projectId));
        assertThat(fittedLabels(project)).as("labels the checkpoint fit saw")
                .isGreaterThanOrEqualTo(256).isLessThan(answers.size());
        assertThat(QualityState.fittedOverAllLabels(dataSource, project.projectId)).isFalse();
        Map<String, String> batch = new HashMap<>();
        new DawidSkeneBatch().fit(answers).labels().forEach((item, label) -> batch.put(item, label.label()));
        System.out.printf("before completion, %d of %d items' consensus is not batch EM's%n",
                differingFrom(batch, project).size(), ITEMS);

        project.completed();

        await().atMost(WAIT).until(() -> QualityState.fittedOverAllLabels(dataSource, project.projectId));
        assertThat(batch).hasSize(ITEMS);
        assertThat(QualityState.consensus(dataSource, project.projectId)).hasSize(ITEMS);
        assertThat(differingFrom(batch, project)).as("items whose consensus is not batch EM's").isEmpty();
    }

    /**
     * Each item's true choice drawn at random, labelled by three different annotators, each right with their own
     * accuracy and otherwise giving one of the other choices.
     */
    private static List<Annotation> noisyCrowd(QualityFixtures project, Random random) {
        List<Annotation> answers = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            String item = UUID.randomUUID().toString();
            int truth = random.nextInt(CHOICES.size());
            List<Integer> annotators = new ArrayList<>();
            for (int a = 0; a < ANNOTATOR_ACCURACY.length; a++) {
                annotators.add(a);
            }
            Collections.shuffle(annotators, random);
            for (int a : annotators.subList(0, LABELS_PER_ITEM)) {
                int given = random.nextDouble() < ANNOTATOR_ACCURACY[a]
                        ? truth : (truth + 1 + random.nextInt(CHOICES.size() - 1)) % CHOICES.size();
                answers.add(new Annotation(item, project.annotators.get(a), CHOICES.get(given)));
            }
        }
        return answers;
    }

    /** Ingests the items, then sends the answers as annotations. */
    private static void send(QualityFixtures project, List<String> items, List<Annotation> answers) {
        KafkaTopics.sendAll(Topics.ITEMS, items.stream()
                .map(item -> project.itemIngested(UUID.fromString(item), ItemKind.REGULAR, null)).toList());
        List<AnnotationSubmitted> annotations = answers.stream()
                .map(answer -> project.annotation(UUID.fromString(answer.item()), answer.annotator(), answer.label()))
                .toList();
        KafkaTopics.sendAll(Topics.ANNOTATIONS, annotations);
    }

    /** The items whose stored consensus is not the batch fit's label, with both. */
    private Map<String, String> differingFrom(Map<String, String> batch, QualityFixtures project) {
        Map<String, String> differing = new LinkedHashMap<>();
        QualityState.consensus(dataSource, project.projectId).forEach((itemId, live) -> {
            String expected = batch.get(itemId.toString());
            if (!expected.equals(live)) {
                differing.put(itemId.toString(), "batch " + expected + ", live " + live);
            }
        });
        return differing;
    }

    private long fittedLabels(QualityFixtures project) {
        return count(project, "select coalesce(max(fitted_labels), 0) from quality_model where project_id = ?");
    }

    private long journalledLabels(QualityFixtures project) {
        return count(project, "select count(*) from quality_step where project_id = ? and kind = 'ANNOTATION'");
    }

    private long count(QualityFixtures project, String sql) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, project.projectId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
