package io.labelstream.adjudication.service;

import io.labelstream.adjudication.domain.ReviewReason;

import java.util.List;
import java.util.UUID;

/**
 * How often reviewers overturn the consensus they review: a review overturns when the reviewer's label
 * differs from the consensus label. Reviews of items without a consensus are not counted.
 *
 * @param overturnRate overturned / reviewed, null while nothing was reviewed
 */
public record OverturnReport(UUID projectId, long reviewed, long overturned, Double overturnRate, List<ByReason> byReason) {

    public record ByReason(ReviewReason reason, long reviewed, long overturned, Double overturnRate) {
    }

    static Double rate(long overturned, long reviewed) {
        return reviewed == 0 ? null : (double) overturned / reviewed;
    }
}
