package io.labelstream.adjudication;

import io.labelstream.adjudication.domain.AnnotationRecord;
import io.labelstream.adjudication.domain.AnnotatorQuality;
import io.labelstream.adjudication.domain.PredictionRecord;
import io.labelstream.adjudication.repository.ItemContextRepository;
import io.labelstream.adjudication.service.ItemContextIntake;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.AnnotatorAssessed;
import io.labelstream.contracts.events.AnnotatorStatus;
import io.labelstream.contracts.events.ModelPrediction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Annotations and predictions are applied a poll batch at a time, leaving what applying them one by one leaves:
 * each event once, the highest revision of an annotation, the latest prediction of a model, the latest
 * assessment of an annotator.
 */
@QuarkusTest
class BatchedContextTest {

    @Inject
    ItemContextIntake intake;

    @Inject
    ItemContextRepository items;

    @Test
    void anAnnotationKeepsItsHighestRevisionWhateverTheBatchHoldsTwiceOrIsDeliveredAgain() {
        UUID projectId = UUID.randomUUID();
        UUID itemId = UUID.randomUUID();
        UUID annotationId = UUID.randomUUID();
        ItemContextIntake.Delivery<AnnotationSubmitted> first = annotation(projectId, itemId, annotationId, "pos", 1);
        ItemContextIntake.Delivery<AnnotationSubmitted> revised = annotation(projectId, itemId, annotationId, "neg", 2);
        List<ItemContextIntake.Delivery<AnnotationSubmitted>> batch = List.of(first, revised, first,
                annotation(projectId, itemId, UUID.randomUUID(), "pos", 1));

        intake.applyAnnotations(batch);
        intake.applyAnnotations(batch);

        List<AnnotationRecord> stored = items.annotations(itemId);
        assertThat(stored).hasSize(2);
        assertThat(stored).filteredOn(a -> a.annotationId().equals(annotationId)).singleElement()
                .satisfies(a -> {
                    assertThat(a.revision()).isEqualTo(2);
                    assertThat(a.label().path("choice").asText()).isEqualTo("neg");
                });
    }

    @Test
    void aModelsLatestPredictionOfAnItemIsKeptWhateverTheOrderInTheBatch() {
        UUID projectId = UUID.randomUUID();
        UUID itemId = UUID.randomUUID();
        Instant earlier = Instant.parse("2026-01-01T00:00:00Z");

        intake.applyPredictions(List.of(prediction(projectId, itemId, "neg", earlier.plusSeconds(60)),
                prediction(projectId, itemId, "pos", earlier)));

        List<PredictionRecord> stored = items.predictions(itemId);
        assertThat(stored).singleElement().satisfies(p -> assertThat(p.label().path("choice").asText()).isEqualTo("neg"));
    }

    @Test
    void anAnnotatorsLatestAssessmentIsKeptWhateverTheOrderInTheBatchOrALaterStaleOne() {
        UUID projectId = UUID.randomUUID();
        Instant first = Instant.parse("2026-01-01T00:00:00Z");
        ItemContextIntake.Delivery<AnnotatorAssessed> quarantined = assessment(projectId, "erin",
                AnnotatorStatus.QUARANTINED, 0.41, 30, first.plusSeconds(60));
        List<ItemContextIntake.Delivery<AnnotatorAssessed>> batch = List.of(quarantined,
                assessment(projectId, "erin", AnnotatorStatus.ACTIVE, 0.9, 29, first),
                assessment(projectId, "frank", AnnotatorStatus.ACTIVE, null, 3, first),
                quarantined);

        intake.applyAnnotatorQualities(batch);
        intake.applyAnnotatorQualities(batch);
        intake.applyAnnotatorQualities(List.of(assessment(projectId, "erin", AnnotatorStatus.ACTIVE, 0.95, 28,
                first.plusSeconds(30))));

        Map<String, AnnotatorQuality> stored = items.annotatorQualities(projectId, List.of("erin", "frank", "gina"));
        assertThat(stored).containsOnlyKeys("erin", "frank");
        assertThat(stored.get("erin").status()).isEqualTo("QUARANTINED");
        assertThat(stored.get("erin").goldAccuracy()).isEqualTo(0.41);
        assertThat(stored.get("erin").labelCount()).isEqualTo(30);
        assertThat(stored.get("frank").goldAccuracy()).isNull();
        assertThat(stored.get("frank").labelCount()).isEqualTo(3);
    }

    private static ItemContextIntake.Delivery<AnnotationSubmitted> annotation(UUID projectId, UUID itemId,
                                                                                UUID annotationId, String label,
                                                                                int revision) {
        return new ItemContextIntake.Delivery<>(UUID.randomUUID(), new AnnotationSubmitted(annotationId,
                UUID.randomUUID(), itemId, projectId, "ann-" + annotationId, Fixtures.choice(label), null, 1200, 1, 3,
                revision, Instant.now()));
    }

    private static ItemContextIntake.Delivery<AnnotatorAssessed> assessment(UUID projectId, String annotatorId,
                                                                              AnnotatorStatus status,
                                                                              Double goldAccuracy, int labels,
                                                                              Instant at) {
        return new ItemContextIntake.Delivery<>(UUID.randomUUID(), new AnnotatorAssessed(annotatorId, projectId,
                status, goldAccuracy, 10, 0.8, labels, 12.0, List.of(), at));
    }

    private static ItemContextIntake.Delivery<ModelPrediction> prediction(UUID projectId, UUID itemId, String label,
                                                                            Instant at) {
        return new ItemContextIntake.Delivery<>(UUID.randomUUID(), new ModelPrediction(itemId, projectId, "model-a",
                Map.of("pos", 0.5, "neg", 0.5), Fixtures.choice(label), at, 0.9));
    }
}
