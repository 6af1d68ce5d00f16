package io.labelstream.quality.domain.agreement;

import io.labelstream.quality.domain.structured.F1Score;
import io.labelstream.quality.domain.structured.Span;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Agreement between two annotators' span sets (end exclusive), as F1 with one of them as reference.
 * <ul>
 *   <li>exact: a span matches only a span with the same start, end and label (CoNLL-style exact match);
 *       duplicates match at most once each.</li>
 *   <li>overlap: every position is a unit; F1 over the sets of (position, label) each annotator covers, so
 *       partially overlapping spans get partial credit. Positions are characters or tokens, whichever the
 *       offsets count; an annotator's own overlapping spans of one label count each position once.</li>
 * </ul>
 */
public final class SpanAgreement {

    private SpanAgreement() {
    }

    public static F1Score exact(Collection<Span> reference, Collection<Span> candidate) {
        Map<Span, Integer> remaining = new HashMap<>();
        for (Span s : reference) {
            remaining.merge(s, 1, Integer::sum);
        }
        int matched = 0;
        for (Span s : candidate) {
            Integer left = remaining.get(s);
            if (left != null && left > 0) {
                remaining.put(s, left - 1);
                matched++;
            }
        }
        return new F1Score(matched, reference.size(), candidate.size());
    }

    public static F1Score overlap(Collection<Span> reference, Collection<Span> candidate) {
        Map<String, List<int[]>> ref = mergedByLabel(reference);
        Map<String, List<int[]>> cand = mergedByLabel(candidate);
        long matched = 0;
        for (Map.Entry<String, List<int[]>> e : ref.entrySet()) {
            matched += intersectionLength(e.getValue(), cand.getOrDefault(e.getKey(), List.of()));
        }
        return new F1Score(matched, coveredLength(ref), coveredLength(cand));
    }

    /** Per label, the union of the spans as sorted disjoint [start, end) intervals. */
    static Map<String, List<int[]>> mergedByLabel(Collection<Span> spans) {
        Map<String, List<Span>> byLabel = new TreeMap<>();
        for (Span s : spans) {
            byLabel.computeIfAbsent(s.label(), k -> new ArrayList<>()).add(s);
        }
        Map<String, List<int[]>> merged = new TreeMap<>();
        for (Map.Entry<String, List<Span>> e : byLabel.entrySet()) {
            List<Span> sorted = new ArrayList<>(e.getValue());
            sorted.sort((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start()) : Integer.compare(a.end(), b.end()));
            List<int[]> intervals = new ArrayList<>();
            for (Span s : sorted) {
                int[] last = intervals.isEmpty() ? null : intervals.get(intervals.size() - 1);
                if (last != null && s.start() <= last[1]) {
                    last[1] = Math.max(last[1], s.end());
                } else {
                    intervals.add(new int[] {s.start(), s.end()});
                }
            }
            merged.put(e.getKey(), intervals);
        }
        return merged;
    }

    private static long intersectionLength(List<int[]> a, List<int[]> b) {
        long total = 0;
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            int[] x = a.get(i);
            int[] y = b.get(j);
            total += Math.max(0, Math.min(x[1], y[1]) - Math.max(x[0], y[0]));
            if (x[1] < y[1]) {
                i++;
            } else {
                j++;
            }
        }
        return total;
    }

    private static long coveredLength(Map<String, List<int[]>> intervalsByLabel) {
        long total = 0;
        for (List<int[]> intervals : intervalsByLabel.values()) {
            for (int[] iv : intervals) {
                total += iv[1] - iv[0];
            }
        }
        return total;
    }
}
