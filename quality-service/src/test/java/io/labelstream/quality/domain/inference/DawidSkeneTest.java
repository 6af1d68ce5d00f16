package io.labelstream.quality.domain.inference;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DawidSkeneTest {

    /** 600 items, 3 classes, 5 answers each from 6 honest annotators (70% right) and 4 who always say c0. */
    private static final SyntheticCrowd CROWD = SyntheticCrowd.generate(7, 600, 3, 5, 6, 0.7, 4);

    @Test
    void outvotesAnnotatorsWhoAlwaysGiveOneLabel() {
        Map<String, MajorityVote.Outcome> votes = MajorityVote.infer(CROWD.answers(), CROWD.labels());
        Map<String, InferredLabel> majority = new HashMap<>();
        votes.forEach((item, o) -> majority.put(item, new InferredLabel(o.label(), o.confidence(), Map.of())));
        DawidSkeneBatch.Result result = new DawidSkeneBatch().fit(CROWD.answers(), CROWD.labels());

        assertThat(result.converged()).isTrue();
        // with the true parameters known, the Bayes decision gets about 0.80 here (simulated); majority vote
        // is dragged towards c0 by the lazy annotators
        assertThat(CROWD.accuracy(result.labels())).isGreaterThan(CROWD.accuracy(majority) + 0.05).isGreaterThan(0.75);
    }

    @Test
    void recoversWhoIsLazyAndWhoIsHonest() {
        DawidSkeneBatch.Result result = new DawidSkeneBatch().fit(CROWD.answers(), CROWD.labels());
        DawidSkeneBatch.AnnotatorModel lazy = result.annotators().get("lazy-6");
        DawidSkeneBatch.AnnotatorModel honest = result.annotators().get("honest-0");
        assertThat(lazy.confusion().get("c2").get("c0")).isGreaterThan(0.9);
        assertThat(lazy.expectedAccuracy()).isLessThan(0.45);
        assertThat(honest.confusion().get("c2").get("c2")).isCloseTo(0.7, within(0.1));
        assertThat(honest.expectedAccuracy()).isCloseTo(0.7, within(0.07));
        assertThat(result.classPrior().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
    }

    /**
     * What the fit hands on for scoring items one at a time: the crowd's pooled rows, which carry the lazy
     * annotators' pull towards c0, the fitted class prior, and strengths from the empirical-Bayes grid.
     */
    @Test
    void describesTheCrowdForScoringLaterItems() {
        DawidSkeneBatch.Result result = new DawidSkeneBatch().fit(CROWD.answers(), CROWD.labels());
        CrowdPrior crowd = result.crowd();

        assertThat(crowd.classPrior()).isEqualTo(result.classPrior());
        for (String truth : CROWD.labels()) {
            assertThat(crowd.crowdRows().get(truth).values().stream().mapToDouble(Double::doubleValue).sum())
                    .isCloseTo(1.0, within(1e-9));
            double strength = crowd.strength(truth);
            assertThat(strength).isBetween(0.25, 256.0);
            assertThat(Math.log(strength) / Math.log(2)).isCloseTo(Math.rint(Math.log(strength) / Math.log(2)), within(1e-9));
        }
        // four of ten annotators say c0 whatever the item: the crowd answers c0 for a c2 far more often than c1
        assertThat(crowd.crowdRows().get("c2").get("c0")).isGreaterThan(crowd.crowdRows().get("c2").get("c1") + 0.2);
        assertThat(crowd.pseudoCount("c2", "c0")).isCloseTo(crowd.strength("c2") * crowd.crowdRows().get("c2").get("c0"),
                within(1e-12));
    }

    @Test
    void confidenceIsThePosteriorOfTheChosenLabel() {
        DawidSkeneBatch.Result result = new DawidSkeneBatch().fit(CROWD.answers(), CROWD.labels());
        for (InferredLabel label : result.labels().values()) {
            assertThat(label.distribution().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
            assertThat(label.confidence()).isEqualTo(label.distribution().get(label.label()));
            assertThat(label.confidence()).isEqualTo(Collections.max(label.distribution().values()));
        }
    }

    @Test
    void labelsOutsideTheLabelSetAreRejected() {
        List<Annotation> answers = List.of(new Annotation("i", "a", "x"), new Annotation("i", "b", "z"));
        assertThatThrownBy(() -> new DawidSkeneBatch().fit(answers, List.of("x", "y")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("z");
        assertThatThrownBy(() -> new StreamingDawidSkene(List.of("x", "y")).add(answers.get(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void streamingAgreesWithBatchOnASyntheticCrowd() {
        SyntheticCrowd crowd = SyntheticCrowd.generate(11, 3000, 3, 5, 8, 0.65, 4);
        DawidSkeneBatch.Result batch = new DawidSkeneBatch().fit(crowd.answers(), crowd.labels());
        List<Annotation> arrivals = new ArrayList<>(crowd.answers());
        Collections.shuffle(arrivals, new Random(3));
        StreamingDawidSkene streaming = new StreamingDawidSkene(crowd.labels());
        arrivals.forEach(streaming::add);

        assertThat(streaming.annotations()).isEqualTo(crowd.answers().size());
        assertThat(crowd.accuracy(streaming.labels())).isCloseTo(crowd.accuracy(batch.labels()), within(0.005));
        int same = 0;
        for (Map.Entry<String, InferredLabel> e : batch.labels().entrySet()) {
            if (streaming.current(e.getKey()).orElseThrow().label().equals(e.getValue().label())) {
                same++;
            }
        }
        assertThat(same / (double) batch.labels().size()).isGreaterThan(0.98);
        assertThat(streaming.current("never-seen")).isEmpty();
    }

    @Test
    void eachArrivalUpdatesItsItemAtOnce() {
        StreamingDawidSkene streaming = new StreamingDawidSkene(List.of("no", "yes"));
        InferredLabel first = streaming.add(new Annotation("i", "a", "yes"));
        assertThat(first.label()).isEqualTo("yes");
        streaming.add(new Annotation("i", "b", "no"));
        InferredLabel third = streaming.add(new Annotation("i", "c", "no"));
        assertThat(third.label()).isEqualTo("no");
        assertThat(streaming.current("i").orElseThrow()).isEqualTo(third);
    }
}
