package io.labelstream.quality.service;

import io.labelstream.quality.domain.inference.CrowdPrior;
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
                List.of(new String[]{"a", "neg"}, new String[]{"b", "pos"}), Map.of(), CLASSES, null, DIAGONAL,
                OFF_DIAGONAL);

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
                null, DIAGONAL, OFF_DIAGONAL);

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

        double fromHalf = ConfusionPosterior.posterior(answers, Map.of("a", halfSure), CLASSES, null, DIAGONAL,
                OFF_DIAGONAL).get("pos");
        double fromDoubled = ConfusionPosterior.posterior(answers, Map.of("a", doubled), CLASSES, null, DIAGONAL,
                OFF_DIAGONAL).get("pos");

        // the same rates, held with more mass, move the posterior further from the pseudo-counts' 0.8
        assertThat(fromHalf).isCloseTo((7.0 / 8.0) / (7.0 / 8.0 + 1.0 / 8.0), within(1e-12));
        assertThat(fromDoubled).isCloseTo((12.0 / 13.5) / (12.0 / 13.5 + 1.5 / 13.5), within(1e-12));
        assertThat(fromDoubled).isGreaterThan(fromHalf);
    }

    /**
     * Once the crowd is fitted, an annotator's rows are smoothed towards the crowd's rows with the fitted strengths,
     * and the class prior is the fitted one. Annotator a has one answer on a "pos" item, annotator b none. By hand,
     * with crowd rows g[neg] = (0.9, 0.1), g[pos] = (0.3, 0.7), strengths m_neg = 4, m_pos = 2 and P(pos) = 0.2:
     * pi_a[neg][pos] = (0 + 4 * 0.1) / (0 + 4) = 0.1, pi_a[pos][pos] = (1 + 2 * 0.7) / (1 + 2) = 0.8,
     * pi_b[neg][pos] = 0.1, pi_b[pos][pos] = 0.7; P(pos) is proportional to 0.2 * 0.8 * 0.7 and P(neg) to
     * 0.8 * 0.1 * 0.1.
     */
    @Test
    void aFittedCrowdSmoothsTowardsItsRowsAndBringsItsClassPrior() {
        CrowdPrior crowd = new CrowdPrior(Map.of("neg", 0.8, "pos", 0.2),
                Map.of("neg", Map.of("neg", 0.9, "pos", 0.1), "pos", Map.of("neg", 0.3, "pos", 0.7)),
                Map.of("neg", 4.0, "pos", 2.0));
        Map<String, Map<String, Double>> oneAnswer = Map.of("pos", Map.of("pos", 1.0));

        Map<String, Double> posterior = ConfusionPosterior.posterior(
                List.of(new String[]{"a", "pos"}, new String[]{"b", "pos"}), Map.of("a", oneAnswer), CLASSES, crowd,
                DIAGONAL, OFF_DIAGONAL);

        double pos = 0.2 * 0.8 * 0.7;
        double neg = 0.8 * 0.1 * 0.1;
        assertThat(posterior.get("pos")).isCloseTo(pos / (pos + neg), within(1e-12));
    }

    @Test
    void aCategoryTheFitHasNotSeenFallsBackToTheFixedPseudoCounts() {
        CrowdPrior crowd = new CrowdPrior(Map.of("neg", 0.9, "other", 0.1),
                Map.of("neg", Map.of("neg", 0.9, "other", 0.1), "other", Map.of("neg", 0.5, "other", 0.5)),
                Map.of("neg", 4.0, "other", 2.0));
        List<String[]> answers = List.of(new String[]{"a", "neg"}, new String[]{"b", "pos"});

        assertThat(ConfusionPosterior.posterior(answers, Map.of(), CLASSES, crowd, DIAGONAL, OFF_DIAGONAL))
                .isEqualTo(ConfusionPosterior.posterior(answers, Map.of(), CLASSES, null, DIAGONAL, OFF_DIAGONAL));
    }
}
