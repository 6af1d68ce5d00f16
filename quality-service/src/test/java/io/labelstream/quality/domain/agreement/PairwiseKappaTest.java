package io.labelstream.quality.domain.agreement;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PairwiseKappaTest {

    /**
     * Wikipedia, "Cohen's kappa", Examples, "Simple example": 50 grant proposals read by A and B, Yes/No;
     * p_o = 0.7, p_e = 0.5, kappa = 0.4.
     */
    private static final long[][] GRANT_PROPOSALS = {{20, 5}, {10, 15}};

    /**
     * Wikipedia, "Cohen's kappa", Examples, "Same percentages but different numbers": two tables of 100 items
     * with the same 60% agreement, kappa 0.1304 and 0.2593.
     */
    private static final long[][] SAME_PERCENTAGES_FIRST = {{45, 15}, {25, 15}};
    private static final long[][] SAME_PERCENTAGES_SECOND = {{25, 35}, {5, 35}};

    /**
     * Penn State, STAT 509 "Design and Analysis of Clinical Trials", lesson 18.7 "Cohen's Kappa Statistic for
     * Measuring Agreement": two radiologists classify 85 xeromammograms as normal, benign, suspected cancer or
     * cancer (rows radiologist A). The lesson reports the weighted kappa as 0.57 with the asymptotic 95% interval
     * (0.44, 0.70). Unweighted: p_o = 54/85, p_e = 2227/7225, kappa = 0.4728.
     */
    private static final List<String> MAMMOGRAMS = List.of("normal", "benign", "suspected", "cancer");
    private static final long[][] RADIOLOGISTS = {{21, 12, 0, 0}, {4, 17, 1, 0}, {3, 9, 15, 2}, {0, 0, 0, 1}};

    @Test
    void aPairsKappaIsTheWorkedExamplesKappa() {
        PairwiseKappa.Pair grant = only(PairwiseKappa.of(itemsOf(GRANT_PROPOSALS, List.of("Yes", "No")),
                List.of("Yes", "No"), false, 10));
        assertThat(grant.commonItems()).isEqualTo(50);
        assertThat(grant.observedAgreement()).isCloseTo(0.7, within(1e-12));
        assertThat(grant.cohenKappa()).isCloseTo(0.4, within(1e-12));
        assertThat(grant.weightedKappa()).as("categories without order have no weighted kappa").isNull();

        assertThat(only(PairwiseKappa.of(itemsOf(SAME_PERCENTAGES_FIRST, List.of("Yes", "No")),
                List.of("Yes", "No"), false, 1)).cohenKappa()).isCloseTo(0.1304, within(5e-5));
        assertThat(only(PairwiseKappa.of(itemsOf(SAME_PERCENTAGES_SECOND, List.of("Yes", "No")),
                List.of("Yes", "No"), false, 1)).cohenKappa()).isCloseTo(0.2593, within(5e-5));
    }

    @Test
    void orderedCategoriesGetLinearAndQuadraticWeightedKappa() {
        PairwiseKappa.Pair radiologists = only(PairwiseKappa.of(itemsOf(RADIOLOGISTS, MAMMOGRAMS), MAMMOGRAMS,
                true, 10));
        assertThat(radiologists.commonItems()).isEqualTo(85);
        assertThat(radiologists.cohenKappa()).isCloseTo((54.0 / 85 - 2227.0 / 7225) / (1 - 2227.0 / 7225),
                within(1e-12));
        assertThat(radiologists.cohenKappa()).isCloseTo(0.4728, within(5e-5));
        assertThat(radiologists.weightedKappa().linear()).isCloseTo(0.57, within(0.005));
        KappaResult linear = CohenKappa.weighted(new ContingencyTable(MAMMOGRAMS, RADIOLOGISTS),
                AgreementWeights.LINEAR);
        assertThat(linear.ciLow()).isCloseTo(0.44, within(0.005));
        assertThat(linear.ciHigh()).isCloseTo(0.70, within(0.005));
        // quadratic weights forgive the near misses of this table more than linear ones do
        assertThat(radiologists.weightedKappa().quadratic()).isGreaterThan(radiologists.weightedKappa().linear());
        assertThat(radiologists.weightedKappa().quadratic()).isCloseTo(
                CohenKappa.weighted(new ContingencyTable(MAMMOGRAMS, RADIOLOGISTS), AgreementWeights.QUADRATIC).kappa(),
                within(1e-12));
    }

    @Test
    void pairsFewerItemsInCommonThanAskedAreLeftOut() {
        Map<String, Map<String, String>> items = new TreeMap<>();
        for (int i = 0; i < 12; i++) {
            Map<String, String> labels = new TreeMap<>(Map.of("ann", i % 2 == 0 ? "cat" : "dog",
                    "bea", i % 3 == 0 ? "dog" : "cat"));
            if (i < 5) {
                labels.put("cid", "cat");
            }
            items.put("item-" + i, labels);
        }
        List<PairwiseKappa.Pair> pairs = PairwiseKappa.of(items, List.of("cat", "dog"), false, 10);
        assertThat(pairs).extracting(PairwiseKappa.Pair::annotatorA, PairwiseKappa.Pair::annotatorB)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ann", "bea"));
        assertThat(PairwiseKappa.of(items, List.of("cat", "dog"), false, 5)).hasSize(3);
    }

    @Test
    void pairsComeLowestKappaFirstAndTheMeanSkipsUndefinedOnes() {
        Map<String, Map<String, String>> items = new TreeMap<>();
        for (int i = 0; i < 20; i++) {
            String truth = i % 2 == 0 ? "cat" : "dog";
            items.put("item-" + i, Map.of("ann", truth, "bea", truth, "cid", i % 4 == 0 ? "dog" : truth,
                    "dan", "cat", "eve", "cat"));
        }
        List<PairwiseKappa.Pair> pairs = PairwiseKappa.of(items, List.of("cat", "dog"), false, 1);
        assertThat(pairs).hasSize(10);
        assertThat(pairs.get(pairs.size() - 1)).extracting(PairwiseKappa.Pair::annotatorA, PairwiseKappa.Pair::annotatorB)
                .containsExactly("dan", "eve");
        assertThat(pairs.get(pairs.size() - 1).cohenKappa()).as("both always said cat: 0/0").isNull();
        List<Double> defined = pairs.stream().map(PairwiseKappa.Pair::cohenKappa).filter(k -> k != null).toList();
        assertThat(defined).isSorted();
        assertThat(PairwiseKappa.meanKappa(pairs))
                .isCloseTo(defined.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), within(1e-12));
        assertThat(PairwiseKappa.meanKappa(List.of())).isNull();
    }

    @Test
    void onlyPairsThatShareItemsAreTabulated() {
        // 1,000 annotators, each item labelled by three of them: 2,000 items make at most 6,000 pairs, never the
        // 499,500 of every pair of annotators
        Map<String, Map<String, String>> items = new LinkedHashMap<>();
        for (int i = 0; i < 2000; i++) {
            items.put("item-" + i, Map.of("a" + (i % 1000), "cat", "a" + ((i + 1) % 1000), i % 3 == 0 ? "dog" : "cat",
                    "a" + ((i + 7) % 1000), "cat"));
        }
        List<PairwiseKappa.Pair> pairs = PairwiseKappa.of(items, List.of("cat", "dog"), false, 1);
        assertThat(pairs).hasSizeLessThanOrEqualTo(6000);
        assertThat(pairs).allSatisfy(p -> assertThat(p.commonItems()).isGreaterThanOrEqualTo(1));
    }

    /** The items of a two-rater table, rater "a" on rows and rater "b" on columns. */
    private static Map<String, Map<String, String>> itemsOf(long[][] table, List<String> categories) {
        Map<String, Map<String, String>> items = new LinkedHashMap<>();
        for (int row = 0; row < table.length; row++) {
            for (int column = 0; column < table.length; column++) {
                for (long n = 0; n < table[row][column]; n++) {
                    items.put("item-" + items.size(), Map.of("a", categories.get(row), "b", categories.get(column)));
                }
            }
        }
        return items;
    }

    private static PairwiseKappa.Pair only(List<PairwiseKappa.Pair> pairs) {
        assertThat(pairs).hasSize(1);
        return pairs.get(0);
    }
}
