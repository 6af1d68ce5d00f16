package io.labelstream.adjudication.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.adjudication.domain.AnnotatorQuality;
import io.labelstream.adjudication.domain.PredictionRecord;
import io.labelstream.adjudication.domain.ReviewReason;
import io.labelstream.adjudication.domain.ReviewState;
import io.labelstream.contracts.events.DecidedBy;
import io.labelstream.contracts.events.ItemDecision;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Everything a reviewer sees to adjudicate an item. Reviewers may see who gave which label. */
public record ReviewCase(
        UUID itemId,
        UUID projectId,
        ReviewState state,
        ReviewReason reason,
        Instant queuedAt,
        Lease lease,
        Item item,
        Consensus consensus,
        List<Annotation> annotations,
        List<PredictionRecord> predictions,
        Gold gold,
        String note) {

    public record Lease(UUID leaseId, String reviewerId, Instant expiresAt) {
    }

    public record Item(String externalId, String kind, JsonNode data, JsonNode metadata, Instant ingestedAt) {
    }

    public record Consensus(ItemDecision decision, JsonNode label, double confidence, Double agreement, String method,
                            int labelCount, List<UUID> annotationIds, Instant assessedAt) {
    }

    public record Annotation(UUID annotationId, String annotatorId, JsonNode label, int revision, int guidelineVersion,
                             Instant submittedAt, AnnotatorQuality annotatorQuality) {
    }

    public record Gold(int version, JsonNode label, DecidedBy decidedBy, Instant decidedAt) {
    }
}
