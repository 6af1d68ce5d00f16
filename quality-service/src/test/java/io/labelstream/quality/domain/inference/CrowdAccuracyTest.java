package io.labelstream.quality.domain.inference;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Gold accuracy of every truth-inference method on the four real crowd sets (datasets/crowd), against the
 * published figures in the datasets README. Each set is measured once and shared by its assertions.
 */
class CrowdAccuracyTest {

    private static final long SHUFFLE_SEED = 20240607L;
    private static final double STREAM_VS_BATCH = 0.005;
    private static final Map<String, Measured> MEASURED = new ConcurrentHashMap<>();

    record Measured(
            String dataset,
            int goldScored,
            int tiedGold,
            double majorityVote,
            double majorityVoteRandomTies,
            double weightedVote,
            double dawidSkeneBatch,
            double streaming,
            double streamingWithoutReestimation,
            int batchIterations,
            int reestimations) {

        Map<String, Double> table() {
            Map<String, Double> rows = new LinkedHashMap<>();
            rows.put("majority vote (reliability tie rule)", majorityVote);
            rows.put("majority vote, expected under random ties", majorityVoteRandomTies);
            rows.put("weighted vote (leave-one-out log-odds)", weightedVote);
            rows.put("Dawid-Skene batch EM", dawidSkeneBatch);
            rows.put("streaming Dawid-Skene, one shuffled pass", streaming);
            rows.put("  ablation: streaming without re-estimation", streamingWithoutReestimation);
            return rows;
        }
    }

    @Test
    void productMatching() {
        Measured m = measure("product-matching");
        assertThat(m.goldScored()).isEqualTo(8315);
        // published majority vote 0.897 (Zheng et al. 2017); three answers per binary item cannot tie
        assertThat(m.tiedGold()).isZero();
        assertThat(m.majorityVote()).isCloseTo(0.897, within(0.001));
        assertThat(m.streaming()).isCloseTo(m.dawidSkeneBatch(), within(STREAM_VS_BATCH));
        assertThat(m.dawidSkeneBatch()).isGreaterThan(m.majorityVote());
    }

    /**
     * The datasets README gives two published Dawid–Skene figures for product-matching, 0.937 and 0.940. This
     * asserts the lower one, 0.937. The higher one, 0.940, is NOT reached: streaming and batch EM both score
     * 7,798 of 8,315 = 0.9378. Even at the published three-decimal precision, 0.940 would need 7,812 items
     * (0.93951), which is 14 more. No dataset-independent smoothing rule we found reaches it without pushing
     * relevance-4class below its 0.616 bar (see docs/quality-accuracy.md).
     */
    @Test
    void productMatchingStreamingReachesTheLowerPublishedDawidSkeneFigureNotTheTopOne() {
        assertThat(measure("product-matching").streaming()).isGreaterThanOrEqualTo(0.937);
    }

    @Test
    void relevanceFourClass() {
        Measured m = measure("relevance-4class");
        assertThat(m.goldScored()).isEqualTo(4460);
        // the datasets README: 916 tied gold items, majority vote between 0.465 and 0.622 depending on the tie
        // rule, and 0.536-0.542 published (ties broken at random)
        assertThat(m.tiedGold()).isEqualTo(916);
        assertThat(m.majorityVote()).isBetween(0.465, 0.622);
        assertThat(m.majorityVoteRandomTies()).isBetween(0.536 - 0.001, 0.542 + 0.001);
        assertThat(m.streaming()).isGreaterThanOrEqualTo(0.616);
        assertThat(m.streaming()).isCloseTo(m.dawidSkeneBatch(), within(STREAM_VS_BATCH));
    }

    @Test
    void dogBreedsFourClass() {
        Measured m = measure("dog-breeds-4class");
        assertThat(m.goldScored()).isEqualTo(807);
        assertThat(m.streaming()).isCloseTo(m.dawidSkeneBatch(), within(STREAM_VS_BATCH));
        assertThat(m.dawidSkeneBatch()).isGreaterThan(m.majorityVoteRandomTies());
    }

    @Test
    void textualEntailment() {
        Measured m = measure("textual-entailment");
        assertThat(m.goldScored()).isEqualTo(800);
        // Snow et al. (2008) report 0.897; with ten answers per binary item, ties are broken at random there
        assertThat(m.majorityVoteRandomTies()).isCloseTo(0.897, within(0.001));
        // a deterministic tie rule can only move the tied items
        double tiedShare = m.tiedGold() / (double) m.goldScored();
        assertThat(m.majorityVote()).isCloseTo(m.majorityVoteRandomTies(), within(tiedShare));
        assertThat(m.streaming()).isCloseTo(m.dawidSkeneBatch(), within(STREAM_VS_BATCH));
    }

    private static Measured measure(String name) {
        return MEASURED.computeIfAbsent(name, CrowdAccuracyTest::run);
    }

    private static Measured run(String name) {
        CrowdDataset data = CrowdDataset.load(name);

        Map<String, MajorityVote.Outcome> votes = MajorityVote.infer(data.answers());
        Map<String, String> majority = new LinkedHashMap<>();
        votes.forEach((item, outcome) -> majority.put(item, outcome.label()));
        double randomTies = 0;
        int tiedGold = 0;
        int scored = 0;
        for (Map.Entry<String, String> gold : data.truth().entrySet()) {
            MajorityVote.Outcome outcome = votes.get(gold.getKey());
            if (outcome == null) {
                continue;
            }
            scored++;
            if (outcome.tied()) {
                tiedGold++;
            }
            if (outcome.tiedLabels().contains(gold.getValue())) {
                randomTies += 1.0 / outcome.tiedLabels().size();
            }
        }

        Map<String, InferredLabel> weighted = WeightedVote.infer(data.answers(), WeightedVote.agreementWeights(data.answers()), 0.0);
        DawidSkeneBatch.Result batch = new DawidSkeneBatch().fit(data.answers(), data.labels());

        List<Annotation> arrivals = new ArrayList<>(data.answers());
        Collections.shuffle(arrivals, new Random(SHUFFLE_SEED));
        StreamingDawidSkene streaming = new StreamingDawidSkene(data.labels());
        arrivals.forEach(streaming::add);

        StreamingDawidSkene.Options noCheckpoints = new StreamingDawidSkene.Options(
                1, Integer.MAX_VALUE, 2.0, DawidSkeneBatch.Options.defaults());
        StreamingDawidSkene incrementalOnly = new StreamingDawidSkene(data.labels(), noCheckpoints);
        arrivals.forEach(incrementalOnly::add);

        Measured m = new Measured(name, scored, tiedGold,
                data.accuracy(majority),
                randomTies / scored,
                data.accuracy(labelsOf(weighted)),
                data.accuracy(labelsOf(batch.labels())),
                data.accuracy(labelsOf(streaming.labels())),
                data.accuracy(labelsOf(incrementalOnly.labels())),
                batch.iterations(),
                streaming.reestimations());
        print(m, data);
        return m;
    }

    private static Map<String, String> labelsOf(Map<String, InferredLabel> inferred) {
        Map<String, String> labels = new LinkedHashMap<>();
        inferred.forEach((item, label) -> labels.put(item, label.label()));
        return labels;
    }

    private static void print(Measured m, CrowdDataset data) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%n%s: %d answers, %d gold items scored, %d of them tied under majority vote%n",
                m.dataset(), data.answers().size(), m.goldScored(), m.tiedGold()));
        out.append(String.format("| %-46s | %-8s |%n", "method", "accuracy"));
        out.append(String.format("| %-46s | %-8s |%n", "-".repeat(46), "-".repeat(8)));
        m.table().forEach((method, accuracy) -> out.append(String.format("| %-46s | %8.4f |%n", method, accuracy)));
        out.append(String.format("(batch EM iterations: %d; streaming re-estimations: %d)%n", m.batchIterations(), m.reestimations()));
        System.out.print(out);
    }
}
