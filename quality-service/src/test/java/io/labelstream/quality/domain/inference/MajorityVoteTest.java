package io.labelstream.quality.domain.inference;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MajorityVoteTest {

    @Test
    void pluralityWinsWithItsVoteShare() {
        Map<String, MajorityVote.Outcome> result = MajorityVote.infer(List.of(
                new Annotation("i", "a", "x"), new Annotation("i", "b", "x"), new Annotation("i", "c", "y")));
        MajorityVote.Outcome outcome = result.get("i");
        assertThat(outcome.label()).isEqualTo("x");
        assertThat(outcome.confidence()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(outcome.votes()).isEqualTo(2);
        assertThat(outcome.tied()).isFalse();
    }

    @Test
    void tiesGoToTheLabelBackedByMoreReliableAnnotators() {
        // "good" agrees with the others on four items, "bad" disagrees on all of them; they split item t.
        List<Annotation> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(new Annotation("i" + i, "good", "x"));
            answers.add(new Annotation("i" + i, "other", "x"));
            answers.add(new Annotation("i" + i, "bad", "y"));
        }
        answers.add(new Annotation("t", "bad", "x"));
        answers.add(new Annotation("t", "good", "y"));
        MajorityVote.Outcome outcome = MajorityVote.infer(answers).get("t");
        assertThat(outcome.tied()).isTrue();
        assertThat(outcome.tiedLabels()).containsExactlyInAnyOrder("x", "y");
        assertThat(outcome.label()).isEqualTo("y");
        assertThat(outcome.confidence()).isEqualTo(0.5);
    }

    @Test
    void equallyReliableTiesGoToTheMoreFrequentLabelThenToSortedOrder() {
        List<Annotation> answers = List.of(
                new Annotation("t", "a", "b-label"), new Annotation("t", "b", "a-label"),
                new Annotation("u", "c", "b-label"));
        assertThat(MajorityVote.infer(answers).get("t").label()).isEqualTo("b-label");
        List<Annotation> even = List.of(new Annotation("t", "a", "b-label"), new Annotation("t", "b", "a-label"));
        assertThat(MajorityVote.infer(even).get("t").label()).isEqualTo("a-label");
    }

    @Test
    void weightedVoteFollowsTheWeights() {
        List<Annotation> answers = List.of(
                new Annotation("i", "expert", "x"), new Annotation("i", "n1", "y"), new Annotation("i", "n2", "y"));
        Map<String, InferredLabel> result = WeightedVote.infer(answers, Map.of("expert", 3.0), 1.0);
        assertThat(result.get("i").label()).isEqualTo("x");
        assertThat(result.get("i").confidence()).isCloseTo(0.6, within(1e-12));
        assertThat(WeightedVote.infer(answers, Map.of(), 1.0).get("i").label()).isEqualTo("y");
    }

    @Test
    void logOddsWeightIsZeroAtChanceAndGrowsWithAccuracy() {
        assertThat(WeightedVote.logOddsWeight(0.25, 4)).isCloseTo(0.0, within(1e-12));
        assertThat(WeightedVote.logOddsWeight(0.9, 2)).isCloseTo(Math.log(9), within(1e-12));
        assertThat(WeightedVote.logOddsWeight(1.0, 2)).isFinite();
    }
}
