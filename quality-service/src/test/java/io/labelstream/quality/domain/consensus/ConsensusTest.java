package io.labelstream.quality.domain.consensus;

import io.labelstream.quality.domain.consensus.SpanVoting.VotedSpan;
import io.labelstream.quality.domain.structured.Box;
import io.labelstream.quality.domain.structured.Span;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ConsensusTest {

    private static final List<List<Span>> THREE_ANNOTATORS = List.of(
            List.of(new Span(0, 5, "PER"), new Span(10, 20, "ORG")),
            List.of(new Span(0, 5, "PER"), new Span(12, 20, "ORG"), new Span(30, 34, "LOC")),
            List.of(new Span(0, 6, "PER"), new Span(10, 18, "ORG")));

    @Test
    void exactSpanVotingKeepsSpansWithAQuorum() {
        assertThat(SpanVoting.exact(THREE_ANNOTATORS, 2)).containsExactly(new VotedSpan(new Span(0, 5, "PER"), 2));
        assertThat(SpanVoting.exact(THREE_ANNOTATORS, 1)).hasSize(6);
    }

    @Test
    void overlapVotingKeepsThePositionsAQuorumCovers() {
        // PER: 0-5 by three, 5-6 by one; ORG: 10-12 by two, 12-18 by three, 18-20 by two; LOC by one
        assertThat(SpanVoting.byOverlap(THREE_ANNOTATORS, 2)).containsExactly(
                new VotedSpan(new Span(0, 5, "PER"), 3),
                new VotedSpan(new Span(10, 20, "ORG"), 3));
        assertThat(SpanVoting.byOverlap(THREE_ANNOTATORS, 3)).containsExactly(
                new VotedSpan(new Span(0, 5, "PER"), 3),
                new VotedSpan(new Span(12, 18, "ORG"), 3));
    }

    @Test
    void anAnnotatorCountsOncePerPosition() {
        List<List<Span>> oneAnnotatorTwice = List.of(List.of(new Span(0, 10, "X"), new Span(5, 15, "X")));
        assertThat(SpanVoting.byOverlap(oneAnnotatorTwice, 2)).isEmpty();
        assertThat(SpanVoting.exact(List.of(List.of(new Span(0, 3, "X"), new Span(0, 3, "X"))), 2)).isEmpty();
        assertThatThrownBy(() -> SpanVoting.exact(THREE_ANNOTATORS, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void boxesClusterByIouAndAverage() {
        List<List<Box>> boxes = List.of(
                List.of(new Box(10, 10, 100, 50, "car"), new Box(300, 300, 20, 20, "person")),
                List.of(new Box(14, 12, 100, 50, "car")),
                List.of(new Box(12, 8, 96, 52, "car"), new Box(302, 301, 20, 20, "dog")));
        List<BoxConsensus.ConsensusBox> result = BoxConsensus.consensus(boxes, 0.5, 2);
        assertThat(result).hasSize(1);
        BoxConsensus.ConsensusBox car = result.get(0);
        assertThat(car.votes()).isEqualTo(3);
        assertThat(car.box().label()).isEqualTo("car");
        assertThat(car.box().x()).isCloseTo(12.0, within(1e-9));
        assertThat(car.box().y()).isCloseTo(10.0, within(1e-9));
        assertThat(car.box().width()).isCloseTo(296.0 / 3, within(1e-9));
        assertThat(car.box().height()).isCloseTo(152.0 / 3, within(1e-9));
        assertThat(car.meanIou()).isGreaterThan(0.85);
        // person and dog differ in label, so with quorum 1 each stands alone
        assertThat(BoxConsensus.consensus(boxes, 0.5, 1)).hasSize(3);
    }

    @Test
    void twoBoxesFromOneAnnotatorNeverShareACluster() {
        List<List<Box>> boxes = List.of(
                List.of(new Box(0, 0, 10, 10, "a"), new Box(1, 0, 10, 10, "a")),
                List.of(new Box(0, 0, 10, 10, "a")));
        List<BoxConsensus.ConsensusBox> result = BoxConsensus.consensus(boxes, 0.5, 2);
        assertThat(result).hasSize(1);
        assertThat(result.get(0).votes()).isEqualTo(2);
    }

    @Test
    void bordaCountScoresPositions() {
        List<List<String>> rankings = List.of(
                List.of("a", "b", "c"),
                List.of("b", "a", "c"),
                List.of("a", "c", "b"));
        assertThat(BordaCount.aggregate(rankings)).containsExactly(
                new BordaCount.RankedItem("a", 5),
                new BordaCount.RankedItem("b", 3),
                new BordaCount.RankedItem("c", 1));
        assertThatThrownBy(() -> BordaCount.aggregate(List.of(List.of("a", "a"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bradleyTerryOrdersByPairwiseWins() {
        List<List<String>> rankings = List.of(
                List.of("a", "b", "c"), List.of("a", "c", "b"), List.of("b", "a", "c"), List.of("a", "b", "c"));
        List<BradleyTerry.Strength> strengths = BradleyTerry.fit(rankings, 500, 1e-10);
        assertThat(strengths).extracting(BradleyTerry.Strength::item).containsExactly("a", "b", "c");
        assertThat(strengths.stream().mapToDouble(BradleyTerry.Strength::strength).sum()).isCloseTo(1.0, within(1e-9));
        // At the fit, expected wins equal observed wins. Each pair met 4 times plus half a virtual win each way
        // (5 comparisons); a beat b 3 times and c 4 times, so W_a = 3.5 + 4.5 = 8.
        double a = strengths.get(0).strength();
        double b = strengths.get(1).strength();
        double c = strengths.get(2).strength();
        assertThat(5 * a / (a + b) + 5 * a / (a + c)).isCloseTo(8.0, within(1e-6));
    }

    @Test
    void ratingsReportMedianAndMean() {
        MedianRating.Summary odd = MedianRating.summarize(List.of(4, 5, 1, 4, 5));
        assertThat(odd.median()).isEqualTo(4.0);
        assertThat(odd.mean()).isCloseTo(3.8, within(1e-12));
        assertThat(odd.min()).isEqualTo(1.0);
        assertThat(odd.max()).isEqualTo(5.0);
        assertThat(odd.medianAbsoluteDeviation()).isEqualTo(1.0);
        assertThat(MedianRating.summarize(List.of(1.0, 2.0, 3.0, 10.0)).median()).isEqualTo(2.5);
        assertThatThrownBy(() -> MedianRating.summarize(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
