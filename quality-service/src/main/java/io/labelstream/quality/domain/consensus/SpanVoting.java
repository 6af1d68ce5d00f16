package io.labelstream.quality.domain.consensus;

import io.labelstream.quality.domain.structured.Span;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Consensus spans from several annotators' spans of one text.
 * <ul>
 *   <li>{@link #exact}: a span survives when at least {@code quorum} annotators proposed exactly it
 *       (same start, end and label).</li>
 *   <li>{@link #byOverlap}: position-level voting — each position of a label counts the annotators covering it,
 *       and the maximal runs covered by at least {@code quorum} annotators become the consensus spans. With a
 *       strict majority as quorum this is token-level majority vote; overlapping but not identical proposals
 *       still count for the part they share.</li>
 * </ul>
 * Each annotator counts at most once per span or position. Results are sorted by start, end, label.
 */
public final class SpanVoting {

    /** A consensus span and the number of annotators behind it (for overlap voting, the most at any position). */
    public record VotedSpan(Span span, int votes) {
    }

    private static final Comparator<VotedSpan> ORDER = Comparator
            .comparingInt((VotedSpan v) -> v.span().start())
            .thenComparingInt(v -> v.span().end())
            .thenComparing(v -> v.span().label());

    private SpanVoting() {
    }

    public static List<VotedSpan> exact(List<? extends List<Span>> spansByAnnotator, int quorum) {
        requireQuorum(quorum);
        Map<Span, Integer> votes = new LinkedHashMap<>();
        for (List<Span> spans : spansByAnnotator) {
            for (Span span : new HashSet<>(spans)) {
                votes.merge(span, 1, Integer::sum);
            }
        }
        List<VotedSpan> result = new ArrayList<>();
        votes.forEach((span, count) -> {
            if (count >= quorum) {
                result.add(new VotedSpan(span, count));
            }
        });
        result.sort(ORDER);
        return result;
    }

    public static List<VotedSpan> byOverlap(List<? extends List<Span>> spansByAnnotator, int quorum) {
        requireQuorum(quorum);
        Map<String, TreeMap<Integer, Integer>> coverageChanges = new TreeMap<>();
        for (List<Span> spans : spansByAnnotator) {
            for (Map.Entry<String, List<int[]>> e : mergedByLabel(spans).entrySet()) {
                TreeMap<Integer, Integer> changes = coverageChanges.computeIfAbsent(e.getKey(), k -> new TreeMap<>());
                for (int[] interval : e.getValue()) {
                    changes.merge(interval[0], 1, Integer::sum);
                    changes.merge(interval[1], -1, Integer::sum);
                }
            }
        }
        List<VotedSpan> result = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Integer, Integer>> e : coverageChanges.entrySet()) {
            int coverage = 0;
            int runStart = -1;
            int runVotes = 0;
            for (Map.Entry<Integer, Integer> change : e.getValue().entrySet()) {
                int position = change.getKey();
                int next = coverage + change.getValue();
                if (coverage < quorum && next >= quorum) {
                    runStart = position;
                    runVotes = next;
                } else if (coverage >= quorum && next < quorum) {
                    result.add(new VotedSpan(new Span(runStart, position, e.getKey()), runVotes));
                } else if (next >= quorum) {
                    runVotes = Math.max(runVotes, next);
                }
                coverage = next;
            }
        }
        result.sort(ORDER);
        return result;
    }

    private static Map<String, List<int[]>> mergedByLabel(List<Span> spans) {
        Map<String, List<Span>> byLabel = new TreeMap<>();
        for (Span s : spans) {
            byLabel.computeIfAbsent(s.label(), k -> new ArrayList<>()).add(s);
        }
        Map<String, List<int[]>> merged = new TreeMap<>();
        byLabel.forEach((label, list) -> {
            list.sort(Comparator.comparingInt(Span::start).thenComparingInt(Span::end));
            List<int[]> intervals = new ArrayList<>();
            for (Span s : list) {
                int[] last = intervals.isEmpty() ? null : intervals.get(intervals.size() - 1);
                if (last != null && s.start() <= last[1]) {
                    last[1] = Math.max(last[1], s.end());
                } else {
                    intervals.add(new int[] {s.start(), s.end()});
                }
            }
            merged.put(label, intervals);
        });
        return merged;
    }

    private static void requireQuorum(int quorum) {
        if (quorum < 1) {
            throw new IllegalArgumentException("quorum must be at least 1");
        }
    }
}
