package io.labelstream.adjudication.rest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/** Bodies of the review and gold endpoints. */
public final class ReviewRequests {

    static final int NOTE_MAX = 4000;

    private ReviewRequests() {
    }

    /** A reviewer's label for a leased item. */
    public record Decision(@NotNull UUID leaseId, @NotNull JsonNode label, @Size(max = NOTE_MAX) String note) {
    }

    /** Send-back or invalidation of a leased item. */
    public record LeasedAction(@NotNull UUID leaseId, @Size(max = NOTE_MAX) String note) {
    }

    /** A new label for an item that is (or was) gold. */
    public record Correction(@NotNull JsonNode label, @Size(max = NOTE_MAX) String note) {
    }

    /** Why a gold item leaves the dataset. */
    public record Withdrawal(@Size(max = NOTE_MAX) String note) {
    }
}
