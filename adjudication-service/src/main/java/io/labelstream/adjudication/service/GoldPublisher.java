package io.labelstream.adjudication.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.adjudication.config.AdjudicationConfig;
import io.labelstream.adjudication.domain.AssessmentRecord;
import io.labelstream.adjudication.domain.AnnotationRecord;
import io.labelstream.adjudication.domain.ItemRecord;
import io.labelstream.adjudication.repository.GoldRepository;
import io.labelstream.adjudication.repository.ItemContextRepository;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.events.DecidedBy;
import io.labelstream.contracts.events.GoldLabel;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Publishes the next gold version of an item: stores the version's exact document (what exports and
 * releases serve) and queues the same record for the compacted gold topic, in the caller's transaction.
 */
@ApplicationScoped
public class GoldPublisher {

    private final GoldRepository gold;
    private final ItemContextRepository items;
    private final Outbox outbox;
    private final AdjudicationConfig config;

    public GoldPublisher(GoldRepository gold, ItemContextRepository items, Outbox outbox, AdjudicationConfig config) {
        this.gold = gold;
        this.items = items;
        this.outbox = outbox;
        this.config = config;
    }

    /** What a decision rests on: the label, who decided (a reviewer or a model, by id), and how sure it is. */
    public record Decision(JsonNode label, DecidedBy decidedBy, String reviewerId, String modelId, double confidence) {

        public static Decision byConsensus(JsonNode label, double confidence) {
            return new Decision(label, DecidedBy.CONSENSUS, null, null, confidence);
        }

        public static Decision byReviewer(JsonNode label, String reviewerId, double confidence) {
            return new Decision(label, DecidedBy.REVIEWER, reviewerId, null, confidence);
        }

        public static Decision byModel(JsonNode label, String modelId, double confidence) {
            return new Decision(label, DecidedBy.MODEL, null, modelId, confidence);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public GoldLabel publish(UUID itemId, UUID projectId, Optional<ProjectEvent> project, Decision decision, Instant now) {
        Optional<AssessmentRecord> assessment = items.findAssessment(itemId);
        List<UUID> annotationIds = assessment.map(AssessmentRecord::annotationIds)
                .filter(ids -> !ids.isEmpty())
                .orElseGet(() -> items.annotations(itemId).stream().map(AnnotationRecord::annotationId).toList());
        int schemaVersion = assessment.map(AssessmentRecord::schemaVersion)
                .orElseGet(() -> project.map(ProjectEvent::schemaVersion).orElse(0));
        int guidelineVersion = items.guidelineVersionOf(annotationIds)
                .orElseGet(() -> project.filter(p -> p.guidelines() != null).map(p -> p.guidelines().version()).orElse(0));
        String externalId = items.findItem(itemId).map(ItemRecord::externalId).orElse(null);
        int version = gold.latestVersion(itemId) + 1;
        GoldLabel label = new GoldLabel(itemId, projectId, externalId, decision.label(), version, decision.decidedBy(),
                decision.reviewerId(), decision.confidence(), annotationIds, schemaVersion, guidelineVersion, now,
                decision.modelId());
        gold.saveVersion(itemId, version, projectId, decision.decidedBy(), decision.label(), now, document(label));
        outbox.publish(config.goldTopic(), label);
        return label;
    }

    /** Takes the item out of the dataset: a tombstone, so compaction forgets its key. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean withdraw(UUID itemId) {
        if (!gold.removeCurrent(itemId)) {
            return false;
        }
        outbox.publishTombstone(config.goldTopic(), itemId.toString());
        return true;
    }

    private static String document(GoldLabel label) {
        try {
            return EventCodec.mapper().writeValueAsString(label);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("gold label of " + label.itemId() + " cannot be written", e);
        }
    }
}
