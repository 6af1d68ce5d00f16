package io.labelstream.quality.domain.agreement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which labels annotators confuse with each other: over every item, every pair of its annotations that
 * disagree adds one to the unordered label pair. The pairs come back most confused first.
 */
public final class ConfusedPairs {

    /** An unordered label pair, first &lt; second, with how many disagreeing annotation pairs it accounts for. */
    public record LabelPair(String first, String second, long count, double shareOfDisagreements) {
    }

    private ConfusedPairs() {
    }

    /** @param labelsByItem each item's labels, one per annotator */
    public static List<LabelPair> rank(Map<String, ? extends Collection<String>> labelsByItem, int limit) {
        Map<List<String>, Long> counts = new HashMap<>();
        long disagreements = 0;
        for (Collection<String> labels : labelsByItem.values()) {
            List<String> list = new ArrayList<>(labels);
            for (int i = 0; i < list.size(); i++) {
                for (int j = i + 1; j < list.size(); j++) {
                    String a = list.get(i);
                    String b = list.get(j);
                    int cmp = a.compareTo(b);
                    if (cmp != 0) {
                        counts.merge(cmp < 0 ? List.of(a, b) : List.of(b, a), 1L, Long::sum);
                        disagreements++;
                    }
                }
            }
        }
        double total = disagreements;
        return counts.entrySet().stream()
                .map(e -> new LabelPair(e.getKey().get(0), e.getKey().get(1), e.getValue(), e.getValue() / total))
                .sorted(Comparator.comparingLong(LabelPair::count).reversed()
                        .thenComparing(LabelPair::first)
                        .thenComparing(LabelPair::second))
                .limit(Math.max(0, limit))
                .toList();
    }
}
