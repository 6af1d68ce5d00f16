package io.labelstream.quality.domain.inference;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Vote weighted by annotator reliability: each label scores the summed weight of its voters.
 * <p>
 * With {@link #logOddsWeight(double, int)} as the weight, the plurality of weights is the Bayes decision under
 * the "one-coin" model in which an annotator with accuracy a is right with probability a and otherwise picks
 * uniformly among the K - 1 other labels (Nitzan and Paroush 1982): weight = ln((K - 1) a / (1 - a)).
 * Confidence is the winning label's share of the positive weight. Ties go to the label given more often
 * overall, then to sorted order.
 */
public final class WeightedVote {

    private WeightedVote() {
    }

    public static Map<String, InferredLabel> infer(Collection<Annotation> annotations,
                                                   Map<String, Double> weightByAnnotator,
                                                   double defaultWeight) {
        LabelSpace space = LabelSpace.observedIn(annotations);
        AnswerTable table = AnswerTable.of(annotations, space);
        int k = space.size();
        long[] frequency = new long[k];
        for (int l : table.label) {
            frequency[l]++;
        }
        double[] weight = new double[table.annotators()];
        for (int w = 0; w < weight.length; w++) {
            weight[w] = weightByAnnotator.getOrDefault(table.annotatorIds.get(w), defaultWeight);
        }
        Map<String, InferredLabel> result = new LinkedHashMap<>();
        for (int i = 0; i < table.items(); i++) {
            double[] score = new double[k];
            for (int j = table.itemStart[i]; j < table.itemStart[i + 1]; j++) {
                score[table.label[j]] += weight[table.annotator[j]];
            }
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (score[c] > score[best] + 1e-12
                        || (Math.abs(score[c] - score[best]) <= 1e-12 && frequency[c] > frequency[best])) {
                    best = c;
                }
            }
            double positive = 0;
            double[] share = new double[k];
            for (int c = 0; c < k; c++) {
                positive += Math.max(0, score[c]);
            }
            for (int c = 0; c < k; c++) {
                share[c] = positive == 0 ? 1.0 / k : Math.max(0, score[c]) / positive;
            }
            result.put(table.itemIds.get(i), new InferredLabel(space.label(best), share[best], space.distribution(share)));
        }
        return result;
    }

    /** ln((K - 1) a / (1 - a)), with the accuracy clamped to [1e-3, 1 - 1e-3] so perfect records stay finite. */
    public static double logOddsWeight(double accuracy, int classes) {
        double a = Math.min(1 - 1e-3, Math.max(1e-3, accuracy));
        return Math.log((classes - 1) * a / (1 - a));
    }

    /** Log-odds weights from each annotator's leave-one-out agreement with the others (see {@link MajorityVote}). */
    public static Map<String, Double> agreementWeights(Collection<Annotation> annotations) {
        LabelSpace space = LabelSpace.observedIn(annotations);
        AnswerTable table = AnswerTable.of(annotations, space);
        double[] reliability = MajorityVote.leaveOneOutReliability(table, MajorityVote.votes(table));
        Map<String, Double> weights = new LinkedHashMap<>();
        for (int w = 0; w < reliability.length; w++) {
            weights.put(table.annotatorIds.get(w), logOddsWeight(reliability[w], space.size()));
        }
        return weights;
    }
}
