package io.labelstream.quality.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.project.TaskType;
import io.labelstream.quality.config.QualityConfig;
import io.labelstream.quality.domain.agreement.BoxAgreement;
import io.labelstream.quality.domain.agreement.KendallTau;
import io.labelstream.quality.domain.agreement.SpanAgreement;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * How much two labels of the same item agree, 0..1, by the task type's measure: equality for categories,
 * Jaccard for label sets, overlap span F1, box F1 at the configured IoU, and Kendall's tau-b mapped to
 * 0..1 for rankings.
 */
@ApplicationScoped
public class LabelAgreement {

    private final QualityConfig config;

    public LabelAgreement(QualityConfig config) {
        this.config = config;
    }

    public double between(TaskType type, JsonNode a, JsonNode b) {
        return switch (type) {
            case SINGLE_LABEL, RATING, PREFERENCE ->
                    LabelShapes.category(type, a).equals(LabelShapes.category(type, b)) ? 1.0 : 0.0;
            case MULTI_LABEL -> jaccard(LabelShapes.choices(a), LabelShapes.choices(b));
            case SPANS -> SpanAgreement.overlap(LabelShapes.spans(a), LabelShapes.spans(b)).f1();
            case BOXES -> BoxAgreement.f1(LabelShapes.boxes(a), LabelShapes.boxes(b),
                    config.inference().boxIouThreshold()).score().f1();
            case RANKING -> rankAgreement(LabelShapes.rankingTiers(a), LabelShapes.rankingTiers(b));
        };
    }

    /** Each label's mean agreement with the item's other labels; absent for a label that is alone. */
    public Map<Integer, Double> peerScores(TaskType type, List<JsonNode> labels) {
        int n = labels.size();
        double[][] pair = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                pair[i][j] = between(type, labels.get(i), labels.get(j));
                pair[j][i] = pair[i][j];
            }
        }
        Map<Integer, Double> scores = new HashMap<>();
        if (n < 2) {
            return scores;
        }
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += i == j ? 0 : pair[i][j];
            }
            scores.put(i, sum / (n - 1));
        }
        return scores;
    }

    /** Mean agreement over all pairs of labels; null with fewer than two. */
    public static Double meanOfPeers(Map<Integer, Double> peerScores) {
        return peerScores.isEmpty() ? null
                : peerScores.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static double jaccard(TreeSet<String> a, TreeSet<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1.0;
        }
        TreeSet<String> union = new TreeSet<>(a);
        union.addAll(b);
        long common = a.stream().filter(b::contains).count();
        return (double) common / union.size();
    }

    private static double rankAgreement(List<List<String>> a, List<List<String>> b) {
        double tau = KendallTau.tauB(ranks(a), ranks(b));
        // NaN: one side ranks nothing apart (all tied); agreement is then only complete if both are identical
        return Double.isNaN(tau) ? (a.equals(b) ? 1.0 : 0.0) : (tau + 1) / 2;
    }

    private static Map<String, Integer> ranks(List<List<String>> tiers) {
        Map<String, Integer> ranks = new HashMap<>();
        List<List<String>> copy = new ArrayList<>(tiers);
        for (int rank = 0; rank < copy.size(); rank++) {
            for (String id : copy.get(rank)) {
                ranks.put(id, rank + 1);
            }
        }
        return ranks;
    }
}
