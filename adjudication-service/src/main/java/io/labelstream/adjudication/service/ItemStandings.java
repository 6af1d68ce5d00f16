package io.labelstream.adjudication.service;

import io.labelstream.adjudication.domain.CurrentGold;
import io.labelstream.adjudication.domain.ItemStanding;
import io.labelstream.adjudication.domain.ReviewItem;
import io.labelstream.adjudication.domain.ReviewState;
import io.labelstream.contracts.events.DecidedBy;

import java.util.Optional;

/** Derives an item's standing from its review row and its current gold version. */
final class ItemStandings {

    private ItemStandings() {
    }

    static ItemStanding of(Optional<ReviewItem> review, Optional<CurrentGold> current) {
        ReviewState state = review.map(ReviewItem::state).orElse(null);
        if (state == ReviewState.PENDING) {
            return ItemStanding.QUEUED;
        }
        if (state == ReviewState.DECIDED || state == ReviewState.INVALID
                || current.map(g -> g.decidedBy() == DecidedBy.REVIEWER).orElse(false)) {
            return ItemStanding.REVIEWER_DECIDED;
        }
        if (current.isPresent()) {
            return ItemStanding.CONSENSUS_GOLD;
        }
        return state == ReviewState.RETURNED ? ItemStanding.RETURNED : ItemStanding.NEW;
    }
}
