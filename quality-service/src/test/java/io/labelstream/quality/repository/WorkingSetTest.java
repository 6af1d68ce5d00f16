package io.labelstream.quality.repository;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.AnnotatorStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild's steps read the project from memory ({@link RebuildMemory}) and the live path reads it from the
 * tables; both must give a step the same rows, or a rebuild would reach another state than the live one. So
 * whatever the working set gives back must equal what the tables give once it is written back.
 */
@QuarkusTest
class WorkingSetTest {

    private final RebuildMemory memory;
    private final QualityItemRepository items;
    private final QualityLabelRepository labels;
    private final QualityAnnotatorRepository annotators;

    WorkingSetTest(RebuildMemory memory, QualityItemRepository items, QualityLabelRepository labels,
                   QualityAnnotatorRepository annotators) {
        this.memory = memory;
        this.items = items;
        this.labels = labels;
        this.annotators = annotators;
    }

    @Test
    void whatTheWorkingSetGivesBackEqualsWhatTheTablesGiveAfterWritingItBack() {
        UUID project = UUID.randomUUID();
        UUID item = UUID.randomUUID();
        // the same microsecond once rounded as the driver rounds, so the annotation ids decide the order: Java's
        // UUID order puts the second first (a negative high half), PostgreSQL's the first
        AnnotationSubmitted first = annotation(UUID.fromString("00000000-0000-0000-0000-000000000001"), project, item,
                "ann-a", Instant.parse("2026-01-01T10:00:00.0000016Z"));
        AnnotationSubmitted second = annotation(UUID.fromString("90000000-0000-0000-0000-000000000001"), project, item,
                "ann-b", Instant.parse("2026-01-01T10:00:00.000002Z"));

        QuarkusTransaction.requiringNew().run(() -> {
            memory.open(project);
            try {
                items.lock(item, project);
                labels.store(first, "pos", false, first.submittedAt());
                labels.store(second, "neg", true, second.submittedAt());
                annotators.lock(project, List.of("ann-a", "ann-b"), AnnotatorStatus.ACTIVE);
                annotators.countCategory(project, "ann-a", "pos", 1);
                annotators.countCategory(project, "ann-a", "neg", 1);
                annotators.countCategory(project, "ann-a", "neg", 1);
                annotators.countConfusion(project, List.of(
                        new QualityAnnotatorRepository.ConfusionDelta("ann-a", "pos", "pos", 0.75),
                        new QualityAnnotatorRepository.ConfusionDelta("ann-a", "pos", "neg", 0.25),
                        new QualityAnnotatorRepository.ConfusionDelta("ann-b", "neg", "neg", 1.0),
                        new QualityAnnotatorRepository.ConfusionDelta("ann-b", "neg", "neg", -1.0)));
                labels.saveScores(List.of(new QualityLabelRepository.LabelScores(first.annotationId(), null, 0.5,
                        0.25, Map.of("pos", 0.75, "neg", 0.25))));

                List<LabelRow> inMemory = labels.ofItem(item);
                Map<String, AnnotatorRow> annotatorsInMemory = annotators.lock(project, List.of("ann-a", "ann-b"),
                        AnnotatorStatus.ACTIVE);
                Map<String, Integer> topInMemory = annotators.mostFrequentCategoryCounts(project, List.of("ann-a", "ann-b"));
                var confusionInMemory = annotators.confusionOf(project, List.of("ann-a", "ann-b"));
                assertThat(inMemory).extracting(LabelRow::annotationId)
                        .containsExactly(first.annotationId(), second.annotationId());
                memory.close();

                assertThat(labels.ofItem(item)).isEqualTo(inMemory);
                assertThat(annotators.lock(project, List.of("ann-a", "ann-b"), AnnotatorStatus.ACTIVE))
                        .usingRecursiveComparison().isEqualTo(annotatorsInMemory);
                assertThat(annotators.mostFrequentCategoryCounts(project, List.of("ann-a", "ann-b")))
                        .isEqualTo(topInMemory).containsEntry("ann-a", 2);
                assertThat(annotators.confusionOf(project, List.of("ann-a", "ann-b"))).isEqualTo(confusionInMemory)
                        .doesNotContainKey("ann-b");
            } finally {
                memory.discard();
            }
        });
    }

    private static AnnotationSubmitted annotation(UUID annotationId, UUID project, UUID item, String annotator,
                                                  Instant submittedAt) {
        return new AnnotationSubmitted(annotationId, UUID.randomUUID(), item, project, annotator,
                JsonNodeFactory.instance.objectNode().put("choice", "pos"), null, 12_000, 1, 1, 1, submittedAt);
    }
}
