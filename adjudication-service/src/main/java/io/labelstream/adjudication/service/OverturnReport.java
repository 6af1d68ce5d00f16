package io.labelstream.adjudication.service;

import io.labelstream.adjudication.domain.ReviewReason;
import io.labelstream.contracts.events.DecidedBy;

import java.util.List;
import java.util.UUID;

/**
 * How often reviewers overturn the consensus or the model decision they review: a review overturns when the
 * reviewer's label differs from the reviewed one. Reviews of items without a label to review are not counted.
 *
 * @param overturnRate overturned / reviewed, null while nothing was reviewed
 */
public record OverturnReport(UUID projectId, long reviewed, long overturned, Double overturnRate, List<ByReason> byReason,
                             List<ByDecider> byDecider) {

    public record ByReason(ReviewReason reason, long reviewed, long overturned, Double overturnRate) {
    }

    /** The same counts per decider of the reviewed label: CONSENSUS, or MODEL for model pre-labelling. */
    public record ByDecider(DecidedBy decidedBy, long reviewed, long overturned, Double overturnRate) {
    }

    static Double rate(long overturned, long reviewed) {
        return reviewed == 0 ? null : (double) overturned / reviewed;
    }
}
