package io.labelstream.quality.domain.consensus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Borda count (de Borda 1781) over rankings listed best first: in a ranking of m items the item at position p
 * (0-based) scores m - 1 - p, i.e. one point per item it is ranked above. Items a ranking leaves out score
 * nothing from it, so partial rankings are allowed. Equal scores are ordered by item id.
 */
public final class BordaCount {

    public record RankedItem(String item, double score) {
    }

    private BordaCount() {
    }

    public static List<RankedItem> aggregate(List<? extends List<String>> rankings) {
        Map<String, Double> score = new HashMap<>();
        for (List<String> ranking : rankings) {
            Set<String> seen = new HashSet<>();
            int m = ranking.size();
            for (int p = 0; p < m; p++) {
                String item = ranking.get(p);
                if (!seen.add(item)) {
                    throw new IllegalArgumentException("item ranked twice in one ranking: " + item);
                }
                score.merge(item, (double) (m - 1 - p), Double::sum);
            }
        }
        List<RankedItem> result = new ArrayList<>();
        score.forEach((item, s) -> result.add(new RankedItem(item, s)));
        result.sort(Comparator.comparingDouble(RankedItem::score).reversed().thenComparing(RankedItem::item));
        return result;
    }
}
