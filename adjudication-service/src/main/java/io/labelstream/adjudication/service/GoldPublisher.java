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
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
        List<UUID> annotationIds = annotationIdsOf(itemId, assessment);
        Optional<Integer> guidelineVersion = items.guidelineVersionOf(annotationIds);
        GoldLabel label = label(itemId, projectId, project, decision, now, assessment, annotationIds, guidelineVersion,
                items.findItem(itemId).map(ItemRecord::externalId).orElse(null), gold.latestVersion(itemId) + 1);
        gold.saveVersion(itemId, label.version(), projectId, decision.decidedBy(), decision.label(), now, document(label));
        outbox.publish(config.goldTopic(), label);
        return label;
    }

    /**
     * Starts publishing gold for many items in one transaction: what every version needs is read once for all
     * of them, and the versions and their events are written together by {@link Batch#flush()}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Batch batch(Collection<UUID> itemIds, Collection<UUID> annotationIds) {
        return new Batch(items.externalIds(itemIds), gold.latestVersions(itemIds), items.guidelineVersions(annotationIds));
    }

    /** Gold versions decided in one transaction, written with one statement per table when flushed. */
    public final class Batch {

        private final Map<UUID, String> externalIds;
        private final Map<UUID, Integer> latestVersions;
        private final Map<UUID, Integer> guidelineVersions;
        private final List<GoldRepository.NewVersion> versions = new ArrayList<>();
        private final List<Outbox.Pending> events = new ArrayList<>();

        private Batch(Map<UUID, String> externalIds, Map<UUID, Integer> latestVersions,
                      Map<UUID, Integer> guidelineVersions) {
            this.externalIds = externalIds;
            this.latestVersions = latestVersions;
            this.guidelineVersions = guidelineVersions;
        }

        /** As {@link GoldPublisher#publish}, for the item's assessment given here rather than read. */
        public GoldLabel publish(UUID itemId, UUID projectId, Optional<ProjectEvent> project, Decision decision,
                                 Instant now, AssessmentRecord assessment) {
            List<UUID> annotationIds = assessment.annotationIds();
            Optional<Integer> guidelineVersion;
            if (annotationIds.isEmpty()) {
                List<AnnotationRecord> annotations = items.annotations(itemId);
                annotationIds = annotations.stream().map(AnnotationRecord::annotationId).toList();
                guidelineVersion = annotations.stream().map(AnnotationRecord::guidelineVersion).max(Integer::compare);
            } else {
                guidelineVersion = annotationIds.stream().map(guidelineVersions::get).filter(Objects::nonNull)
                        .max(Integer::compare);
            }
            int version = latestVersions.getOrDefault(itemId, 0) + 1;
            GoldLabel label = label(itemId, projectId, project, decision, now, Optional.of(assessment), annotationIds,
                    guidelineVersion, externalIds.get(itemId), version);
            latestVersions.put(itemId, version);
            versions.add(new GoldRepository.NewVersion(itemId, version, projectId, decision.decidedBy(), decision.label(),
                    now, document(label)));
            events.add(outbox.prepare(config.goldTopic(), label));
            return label;
        }

        public void flush() {
            gold.saveVersions(versions);
            outbox.publishAll(events);
            versions.clear();
            events.clear();
        }
    }

    private List<UUID> annotationIdsOf(UUID itemId, Optional<AssessmentRecord> assessment) {
        return assessment.map(AssessmentRecord::annotationIds)
                .filter(ids -> !ids.isEmpty())
                .orElseGet(() -> items.annotations(itemId).stream().map(AnnotationRecord::annotationId).toList());
    }

    private static GoldLabel label(UUID itemId, UUID projectId, Optional<ProjectEvent> project, Decision decision,
                                   Instant now, Optional<AssessmentRecord> assessment, List<UUID> annotationIds,
                                   Optional<Integer> guidelineVersionOfAnnotations, String externalId, int version) {
        int schemaVersion = assessment.map(AssessmentRecord::schemaVersion)
                .orElseGet(() -> project.map(ProjectEvent::schemaVersion).orElse(0));
        int guidelineVersion = guidelineVersionOfAnnotations
                .orElseGet(() -> project.filter(p -> p.guidelines() != null).map(p -> p.guidelines().version()).orElse(0));
        return new GoldLabel(itemId, projectId, externalId, decision.label(), version, decision.decidedBy(),
                decision.reviewerId(), decision.confidence(), annotationIds, schemaVersion, guidelineVersion, now,
                decision.modelId());
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
