package io.labelstream.adjudication.service;

import io.labelstream.adjudication.repository.ReviewRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/** Overturn rates of consensus and of model decisions per project, from the recorded review outcomes. */
@ApplicationScoped
public class OverturnStatistics {

    private final ReviewRepository reviews;

    public OverturnStatistics(ReviewRepository reviews) {
        this.reviews = reviews;
    }

    public OverturnReport of(UUID projectId) {
        List<ReviewRepository.OutcomeCount> counts = reviews.outcomeCounts(projectId);
        List<OverturnReport.ByReason> byReason = totals(counts, ReviewRepository.OutcomeCount::reason).entrySet().stream()
                .map(t -> new OverturnReport.ByReason(t.getKey(), t.getValue()[0], t.getValue()[1],
                        OverturnReport.rate(t.getValue()[1], t.getValue()[0])))
                .toList();
        List<OverturnReport.ByDecider> byDecider = totals(counts, ReviewRepository.OutcomeCount::decidedBy).entrySet()
                .stream()
                .map(t -> new OverturnReport.ByDecider(t.getKey(), t.getValue()[0], t.getValue()[1],
                        OverturnReport.rate(t.getValue()[1], t.getValue()[0])))
                .toList();
        long reviewed = counts.stream().mapToLong(ReviewRepository.OutcomeCount::reviewed).sum();
        long overturned = counts.stream().mapToLong(ReviewRepository.OutcomeCount::overturned).sum();
        return new OverturnReport(projectId, reviewed, overturned, OverturnReport.rate(overturned, reviewed), byReason,
                byDecider);
    }

    /** Reviewed and overturned summed per key, keys in the order of their names. */
    private static <K extends Enum<K>> Map<K, long[]> totals(List<ReviewRepository.OutcomeCount> counts,
                                                             Function<ReviewRepository.OutcomeCount, K> key) {
        Map<K, long[]> totals = new TreeMap<>(Comparator.comparing(Enum::name));
        for (ReviewRepository.OutcomeCount count : counts) {
            long[] sum = totals.computeIfAbsent(key.apply(count), k -> new long[2]);
            sum[0] += count.reviewed();
            sum[1] += count.overturned();
        }
        return totals;
    }
}
