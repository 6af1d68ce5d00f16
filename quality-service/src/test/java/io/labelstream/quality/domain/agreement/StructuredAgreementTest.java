package io.labelstream.quality.domain.agreement;

import io.labelstream.quality.domain.structured.Box;
import io.labelstream.quality.domain.structured.F1Score;
import io.labelstream.quality.domain.structured.Span;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StructuredAgreementTest {

    @Test
    void exactSpanMatchNeedsSameBoundariesAndLabel() {
        List<Span> a = List.of(new Span(0, 5, "PER"), new Span(10, 14, "ORG"), new Span(20, 25, "LOC"));
        List<Span> b = List.of(new Span(0, 5, "PER"), new Span(10, 15, "ORG"), new Span(20, 25, "ORG"), new Span(30, 32, "LOC"));
        F1Score score = SpanAgreement.exact(a, b);
        assertThat(score.matched()).isEqualTo(1);
        assertThat(score.precision()).isCloseTo(1 / 4.0, within(1e-12));
        assertThat(score.recall()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(score.f1()).isCloseTo(2.0 / 7, within(1e-12));
    }

    @Test
    void duplicateSpansMatchOnce() {
        F1Score score = SpanAgreement.exact(List.of(new Span(0, 3, "A")), List.of(new Span(0, 3, "A"), new Span(0, 3, "A")));
        assertThat(score.matched()).isEqualTo(1);
        assertThat(score.f1()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void overlapF1GivesPartialCreditPerPosition() {
        // reference covers 0..10 as PER; candidate covers 5..15 as PER: 5 shared of 10 + 10
        F1Score score = SpanAgreement.overlap(List.of(new Span(0, 10, "PER")), List.of(new Span(5, 15, "PER")));
        assertThat(score.matched()).isEqualTo(5);
        assertThat(score.f1()).isCloseTo(0.5, within(1e-12));
        // a different label shares nothing
        assertThat(SpanAgreement.overlap(List.of(new Span(0, 10, "PER")), List.of(new Span(0, 10, "ORG"))).f1()).isZero();
        // own overlapping spans count each position once: union 0..12 vs 0..12
        F1Score merged = SpanAgreement.overlap(List.of(new Span(0, 8, "X"), new Span(4, 12, "X")), List.of(new Span(0, 12, "X")));
        assertThat(merged.f1()).isEqualTo(1.0);
    }

    @Test
    void twoEmptyAnnotationsAgreeAndOneEmptySideScoresZero() {
        assertThat(SpanAgreement.exact(List.of(), List.of()).f1()).isEqualTo(1.0);
        assertThat(SpanAgreement.overlap(List.of(), List.of()).f1()).isEqualTo(1.0);
        F1Score oneSided = SpanAgreement.exact(List.of(new Span(0, 1, "A")), List.of());
        assertThat(oneSided.f1()).isZero();
        assertThat(oneSided.precision()).isZero();
        assertThat(oneSided.recall()).isZero();
    }

    @Test
    void boxIou() {
        Box a = new Box(0, 0, 10, 10, "car");
        assertThat(a.iou(new Box(5, 0, 10, 10, "car"))).isCloseTo(50.0 / 150, within(1e-12));
        assertThat(a.iou(new Box(20, 20, 5, 5, "car"))).isZero();
        assertThat(a.iou(a)).isEqualTo(1.0);
    }

    @Test
    void optimalAssignmentBeatsGreedyMatching() {
        // Greedy by best IoU pairs r0 with c0 (0.68) and leaves r1 with only c0 available -> 1 match.
        // The assignment pairs r0-c1 and r1-c0, both above 0.5 -> 2 matches.
        Box r0 = new Box(0, 0, 10, 10, "car");
        Box r1 = new Box(3, 0, 10, 10, "car");
        Box c0 = new Box(2, 0, 10, 10, "car");
        Box c1 = new Box(-3, 0, 10, 10, "car");
        assertThat(r0.iou(c0)).isGreaterThan(r0.iou(c1)).isGreaterThan(0.5);
        assertThat(r1.iou(c1)).isLessThan(0.5);
        BoxAgreement.Result result = BoxAgreement.f1(List.of(r0, r1), List.of(c0, c1), 0.5);
        assertThat(result.score().matched()).isEqualTo(2);
        assertThat(result.score().f1()).isEqualTo(1.0);
    }

    @Test
    void boxesOnlyMatchTheSameLabelAboveTheThreshold() {
        List<Box> reference = List.of(new Box(0, 0, 10, 10, "car"), new Box(50, 50, 10, 10, "person"));
        List<Box> candidate = List.of(new Box(0, 0, 10, 10, "truck"), new Box(52, 50, 10, 10, "person"), new Box(90, 90, 5, 5, "car"));
        BoxAgreement.Result result = BoxAgreement.f1(reference, candidate, 0.5);
        assertThat(result.score().matched()).isEqualTo(1);
        assertThat(result.score().precision()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(result.score().recall()).isCloseTo(0.5, within(1e-12));
        assertThat(result.meanMatchedIou()).isCloseTo(80.0 / 120, within(1e-12));
        assertThat(BoxAgreement.f1(reference, candidate, 0.7).score().matched()).isZero();
    }

    @Test
    void assignmentHandlesMoreRowsThanColumns() {
        List<Box> reference = List.of(new Box(0, 0, 10, 10, "a"), new Box(100, 0, 10, 10, "a"), new Box(200, 0, 10, 10, "a"));
        List<Box> candidate = List.of(new Box(201, 0, 10, 10, "a"));
        BoxAgreement.Result result = BoxAgreement.f1(reference, candidate, 0.5);
        assertThat(result.score().matched()).isEqualTo(1);
        assertThat(result.score().recall()).isCloseTo(1 / 3.0, within(1e-12));
    }

    @Test
    void kendallTauBWithTies() {
        // scipy.stats.kendalltau documentation example: tau-b = -0.47140452079103173
        double tau = KendallTau.tauB(new double[] {12, 2, 1, 12, 2}, new double[] {1, 4, 7, 1, 0});
        assertThat(tau).isCloseTo(-0.4714045207910317, within(1e-12));
    }

    @Test
    void kendallTauOfOrderingsAndScores() {
        assertThat(KendallTau.tauB(List.of("a", "b", "c", "d"), List.of("a", "b", "c", "d"))).isEqualTo(1.0);
        assertThat(KendallTau.tauB(List.of("a", "b", "c", "d"), List.of("d", "c", "b", "a"))).isEqualTo(-1.0);
        // only items both ranked count; one swapped pair out of three
        assertThat(KendallTau.tauB(List.of("a", "b", "c", "x"), List.of("b", "a", "c"))).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(KendallTau.tauB(Map.of("a", 1, "b", 1, "c", 1), Map.of("a", 1, "b", 2, "c", 3))).isNaN();
    }

    @Test
    void confusedPairsCountDisagreeingAnnotatorPairs() {
        Map<String, List<String>> labels = Map.of(
                "i1", List.of("cat", "dog", "dog"),
                "i2", List.of("dog", "cat"),
                "i3", List.of("bird", "cat", "cat"),
                "i4", List.of("bird", "bird"));
        List<ConfusedPairs.LabelPair> pairs = ConfusedPairs.rank(labels, 10);
        assertThat(pairs).containsExactly(
                new ConfusedPairs.LabelPair("cat", "dog", 3, 3 / 5.0),
                new ConfusedPairs.LabelPair("bird", "cat", 2, 2 / 5.0));
        assertThat(ConfusedPairs.rank(labels, 1)).hasSize(1);
    }

    @Test
    void pairwiseAgreementIsFleissSubjectAgreement() {
        assertThat(PairwiseAgreement.of(List.of("a", "a", "b"))).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(PairwiseAgreement.of(List.of("a", "a"))).isEqualTo(1.0);
        assertThat(PairwiseAgreement.of(List.of("a"))).isNaN();
    }
}
