package io.labelstream.quality.domain.inference;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plurality vote per item, with a deterministic tie rule that uses evidence instead of label order.
 * <p>
 * Tie rule, applied only among the labels tied for most votes:
 * <ol>
 *   <li>the label whose voters have the larger summed reliability, where an annotator's reliability is the
 *       Laplace-smoothed rate (agreements + 1) / (comparisons + 2) at which their answer is the plurality of the
 *       <em>other</em> answers on the same item (leave-one-out, so nobody is rewarded for agreeing with
 *       themselves; a share of 1/t when the others are themselves split t ways);</li>
 *   <li>then the label given more often across all items (the crowd's prior);</li>
 *   <li>then the earlier label in sorted order.</li>
 * </ol>
 * Reliability is computed once over all the answers given, so the rule is a pure function of them.
 * Confidence is the winning label's vote share.
 */
public final class MajorityVote {

    /** The voted label, its vote share and, when the top was tied, every label that shared it. */
    public record Outcome(String label, double confidence, int votes, int answers, Set<String> tiedLabels) {

        public Outcome {
            tiedLabels = Set.copyOf(tiedLabels);
        }

        public boolean tied() {
            return tiedLabels.size() > 1;
        }
    }

    private MajorityVote() {
    }

    public static Map<String, Outcome> infer(Collection<Annotation> annotations) {
        return infer(annotations, LabelSpace.observedIn(annotations).labels());
    }

    public static Map<String, Outcome> infer(Collection<Annotation> annotations, List<String> labels) {
        LabelSpace space = new LabelSpace(labels);
        AnswerTable table = AnswerTable.of(annotations, space);
        int k = space.size();
        int[][] votes = votes(table);
        double[] reliability = leaveOneOutReliability(table, votes);
        long[] frequency = new long[k];
        for (int l : table.label) {
            frequency[l]++;
        }
        Map<String, Outcome> result = new LinkedHashMap<>();
        for (int i = 0; i < table.items(); i++) {
            int top = 0;
            for (int c = 0; c < k; c++) {
                top = Math.max(top, votes[i][c]);
            }
            double[] support = new double[k];
            for (int j = table.itemStart[i]; j < table.itemStart[i + 1]; j++) {
                support[table.label[j]] += reliability[table.annotator[j]];
            }
            int best = -1;
            Set<String> tied = new LinkedHashSet<>();
            for (int c = 0; c < k; c++) {
                if (votes[i][c] != top) {
                    continue;
                }
                tied.add(space.label(c));
                if (best < 0 || support[c] > support[best] + 1e-12
                        || (Math.abs(support[c] - support[best]) <= 1e-12 && frequency[c] > frequency[best])) {
                    best = c;
                }
            }
            int n = table.itemStart[i + 1] - table.itemStart[i];
            result.put(table.itemIds.get(i), new Outcome(space.label(best), top / (double) n, top, n, tied));
        }
        return result;
    }

    static int[][] votes(AnswerTable table) {
        int[][] votes = new int[table.items()][table.classes()];
        for (int i = 0; i < table.items(); i++) {
            for (int j = table.itemStart[i]; j < table.itemStart[i + 1]; j++) {
                votes[i][table.label[j]]++;
            }
        }
        return votes;
    }

    static double[] leaveOneOutReliability(AnswerTable table, int[][] votes) {
        int k = table.classes();
        double[] agreements = new double[table.annotators()];
        double[] comparisons = new double[table.annotators()];
        for (int i = 0; i < table.items(); i++) {
            for (int j = table.itemStart[i]; j < table.itemStart[i + 1]; j++) {
                int own = table.label[j];
                int othersTop = 0;
                int othersTotal = 0;
                for (int c = 0; c < k; c++) {
                    int others = votes[i][c] - (c == own ? 1 : 0);
                    othersTop = Math.max(othersTop, others);
                    othersTotal += others;
                }
                if (othersTotal == 0) {
                    continue;
                }
                int tiedTop = 0;
                for (int c = 0; c < k; c++) {
                    if (votes[i][c] - (c == own ? 1 : 0) == othersTop) {
                        tiedTop++;
                    }
                }
                int w = table.annotator[j];
                comparisons[w]++;
                if (votes[i][own] - 1 == othersTop) {
                    agreements[w] += 1.0 / tiedTop;
                }
            }
        }
        double[] reliability = new double[table.annotators()];
        for (int w = 0; w < reliability.length; w++) {
            reliability[w] = (agreements[w] + 1.0) / (comparisons[w] + 2.0);
        }
        return reliability;
    }
}
