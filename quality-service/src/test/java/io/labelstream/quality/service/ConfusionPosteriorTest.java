package io.labelstream.quality.service;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ConfusionPosteriorTest {

    private static final List<String> CLASSES = List.of("neg", "pos");
    private static final double DIAGONAL = 2.0;
    private static final double OFF_DIAGONAL = 0.5;

    @Test
    void annotatorsWithoutHistoryAreSplitEvenly() {
        Map<String, Double> posterior = ConfusionPosterior.posterior(
                List.of(new String[]{"a", "neg"}, new String[]{"b", "pos"}), Map.of(), CLASSES, DIAGONAL, OFF_DIAGONAL);

        assertThat(posterior.get("neg")).isCloseTo(0.5, within(1e-12));
        assertThat(posterior.get("pos")).isCloseTo(0.5, within(1e-12));
    }

    /**
     * Both annotators are right 90% of the time on either class, but four in five of the items they labelled
     * were "neg". Split between them, an item is more likely "neg". By hand, with the Dirichlet pseudo-counts:
     * pi[neg][neg] = 74/82.5, pi[neg][pos] = 8.5/82.5, pi[pos][neg] = 2.5/22.5, pi[pos][pos] = 20/22.5, and
     * class masses 160 and 40 across the two annotators, so P(neg) is proportional to
     * 161 * (74/82.5) * (8.5/82.5) and P(pos) to 41 * (2.5/22.5) * (20/22.5).
     */
    @Test
    void aSplitItemLeansToTheClassTheAnnotatorsItemsMostlyHad() {
        Map<String, Map<String, Double>> rows = Map.of(
                "neg", Map.of("neg", 72.0, "pos", 8.0),
                "pos", Map.of("pos", 18.0, "neg", 2.0));
        Map<String, Double> posterior = ConfusionPosterior.posterior(
                List.of(new String[]{"a", "neg"}, new String[]{"b", "pos"}), Map.of("a", rows, "b", rows), CLASSES,
                DIAGONAL, OFF_DIAGONAL);

        double neg = 161 * (74 / 82.5) * (8.5 / 82.5);
        double pos = 41 * (2.5 / 22.5) * (20 / 22.5);
        assertThat(posterior.get("neg")).isCloseTo(neg / (neg + pos), within(1e-12)).isGreaterThan(0.75);
        // without the class prior the same evidence would lean the other way
        assertThat((74 / 82.5) * (8.5 / 82.5)).isLessThan((2.5 / 22.5) * (20 / 22.5));
    }

    @Test
    void fractionalMassesCountAsEvidenceInProportion() {
        Map<String, Map<String, Double>> halfSure = Map.of(
                "neg", Map.of("neg", 5.0, "pos", 0.5),
                "pos", Map.of("pos", 5.0, "neg", 0.5));
        Map<String, Map<String, Double>> doubled = Map.of(
                "neg", Map.of("neg", 10.0, "pos", 1.0),
                "pos", Map.of("pos", 10.0, "neg", 1.0));
        List<String[]> answers = List.<String[]>of(new String[]{"a", "pos"});

        double fromHalf = ConfusionPosterior.posterior(answers, Map.of("a", halfSure), CLASSES, DIAGONAL, OFF_DIAGONAL)
                .get("pos");
        double fromDoubled = ConfusionPosterior.posterior(answers, Map.of("a", doubled), CLASSES, DIAGONAL, OFF_DIAGONAL)
                .get("pos");

        // the same rates, held with more mass, move the posterior further from the pseudo-counts' 0.8
        assertThat(fromHalf).isCloseTo((7.0 / 8.0) / (7.0 / 8.0 + 1.0 / 8.0), within(1e-12));
        assertThat(fromDoubled).isCloseTo((12.0 / 13.5) / (12.0 / 13.5 + 1.5 / 13.5), within(1e-12));
        assertThat(fromDoubled).isGreaterThan(fromHalf);
    }
}
