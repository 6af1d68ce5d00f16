package io.labelstream.adjudication.service;

import io.labelstream.adjudication.repository.ReviewRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** Overturn rates of consensus and of model decisions per project, from the recorded review outcomes. */
@ApplicationScoped
public class OverturnStatistics {

    private final ReviewRepository reviews;

    public OverturnStatistics(ReviewRepository reviews) {
        this.reviews = reviews;
    }

    public OverturnReport of(UUID projectId) {
        List<OverturnReport.ByReason> byReason = reviews.outcomeCounts(projectId).stream()
                .map(c -> new OverturnReport.ByReason(c.reason(), c.reviewed(), c.overturned(),
                        OverturnReport.rate(c.overturned(), c.reviewed())))
                .toList();
        long reviewed = byReason.stream().mapToLong(OverturnReport.ByReason::reviewed).sum();
        long overturned = byReason.stream().mapToLong(OverturnReport.ByReason::overturned).sum();
        List<OverturnReport.ByDecider> byDecider = reviews.deciderCounts(projectId).stream()
                .map(c -> new OverturnReport.ByDecider(c.decidedBy(), c.reviewed(), c.overturned(),
                        OverturnReport.rate(c.overturned(), c.reviewed())))
                .toList();
        return new OverturnReport(projectId, reviewed, overturned, OverturnReport.rate(overturned, reviewed), byReason,
                byDecider);
    }
}
