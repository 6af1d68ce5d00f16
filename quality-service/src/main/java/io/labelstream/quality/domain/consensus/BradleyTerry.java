package io.labelstream.quality.domain.consensus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bradley–Terry strengths from rankings (best first), each ranking read as the pairwise wins it implies:
 * P(i beats j) = s_i / (s_i + s_j). Fitted by Hunter's (2004) MM update s_i = W_i / sum_j n_ij / (s_i + s_j),
 * with every pair that was ever compared given half a virtual win each way so that an item that never lost
 * keeps a finite strength. Strengths are normalised to sum to 1 and returned strongest first.
 */
public final class BradleyTerry {

    public record Strength(String item, double strength) {
    }

    private static final double VIRTUAL_WIN = 0.5;

    private BradleyTerry() {
    }

    public static List<Strength> fit(List<? extends List<String>> rankings, int maxIterations, double tolerance) {
        Map<String, Integer> index = new HashMap<>();
        List<String> items = new ArrayList<>();
        for (List<String> ranking : rankings) {
            for (String item : ranking) {
                if (index.putIfAbsent(item, items.size()) == null) {
                    items.add(item);
                }
            }
        }
        int n = items.size();
        double[][] wins = new double[n][n];
        for (List<String> ranking : rankings) {
            for (int a = 0; a < ranking.size(); a++) {
                for (int b = a + 1; b < ranking.size(); b++) {
                    wins[index.get(ranking.get(a))][index.get(ranking.get(b))] += 1;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (wins[i][j] + wins[j][i] > 0) {
                    wins[i][j] += VIRTUAL_WIN;
                    wins[j][i] += VIRTUAL_WIN;
                }
            }
        }
        double[] strength = new double[n];
        Arrays.fill(strength, 1.0 / Math.max(1, n));
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            double[] next = new double[n];
            double total = 0;
            for (int i = 0; i < n; i++) {
                double won = 0;
                double denominator = 0;
                for (int j = 0; j < n; j++) {
                    if (i != j && wins[i][j] + wins[j][i] > 0) {
                        won += wins[i][j];
                        denominator += (wins[i][j] + wins[j][i]) / (strength[i] + strength[j]);
                    }
                }
                next[i] = denominator == 0 ? strength[i] : won / denominator;
                total += next[i];
            }
            double change = 0;
            for (int i = 0; i < n; i++) {
                next[i] /= total;
                change = Math.max(change, Math.abs(next[i] - strength[i]));
            }
            strength = next;
            if (change < tolerance) {
                break;
            }
        }
        List<Strength> result = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            result.add(new Strength(items.get(i), strength[i]));
        }
        result.sort(Comparator.comparingDouble(Strength::strength).reversed().thenComparing(Strength::item));
        return result;
    }
}
