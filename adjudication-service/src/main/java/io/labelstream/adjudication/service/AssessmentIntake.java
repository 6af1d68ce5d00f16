package io.labelstream.adjudication.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.adjudication.domain.AssessmentRecord;
import io.labelstream.adjudication.domain.AssessmentRouter;
import io.labelstream.adjudication.domain.CurrentGold;
import io.labelstream.adjudication.domain.ItemStanding;
import io.labelstream.adjudication.domain.ReviewItem;
import io.labelstream.adjudication.domain.ReviewReason;
import io.labelstream.adjudication.domain.Routing;
import io.labelstream.adjudication.repository.GoldRepository;
import io.labelstream.adjudication.repository.ItemContextRepository;
import io.labelstream.adjudication.repository.ReviewRepository;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.events.DecidedBy;
import io.labelstream.contracts.events.GoldLabel;
import io.labelstream.contracts.events.ItemAssessed;
import io.labelstream.contracts.events.ItemDecision;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.platform.inbox.Inbox;
import io.labelstream.platform.project.ProjectDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Turns quality's item assessments into gold labels or review work. */
@ApplicationScoped
public class AssessmentIntake {

    static final String CONSUMER = "adjudication.item-quality";

    /** An assessment as delivered, with the id of the event that carried it. */
    public record Delivery(UUID eventId, ItemAssessed assessed) {

        public static Delivery of(EventEnvelope envelope) {
            return new Delivery(envelope.eventId(), EventCodec.payload(envelope, ItemAssessed.class));
        }
    }

    private final Inbox inbox;
    private final ItemContextRepository items;
    private final ReviewRepository reviews;
    private final GoldRepository gold;
    private final GoldPublisher publisher;
    private final ProjectDirectory projects;
    private final Clock clock = Clock.systemUTC();

    public AssessmentIntake(Inbox inbox, ItemContextRepository items, ReviewRepository reviews, GoldRepository gold,
                            GoldPublisher publisher, ProjectDirectory projects) {
        this.inbox = inbox;
        this.items = items;
        this.reviews = reviews;
        this.gold = gold;
        this.publisher = publisher;
        this.projects = projects;
    }

    @Transactional
    public void apply(EventEnvelope envelope) {
        apply(Delivery.of(envelope));
    }

    @Transactional
    public void apply(Delivery delivery) {
        ItemAssessed assessed = delivery.assessed();
        if (!inbox.firstDelivery(CONSUMER, delivery.eventId())) {
            return;
        }
        gold.lockItem(assessed.itemId());
        items.saveAssessment(assessed);
        route(assessed.itemId(), assessed.projectId(), assessed.decision(), assessed.consensusLabel(),
                assessed.confidence());
    }

    /**
     * Applies a poll batch of assessments in one transaction, with the effect of applying them one after the
     * other: each event once (the inbox is asked for all of them in one statement, and an event delivered twice
     * in the batch counts once), every item locked, in one order, before any is read; what routing needs read
     * once for all items, and the assessments, gold versions and their events written with one statement each.
     * Several assessments of one item are routed in order, each seeing what the one before decided.
     */
    @Transactional
    public void applyAll(List<Delivery> deliveries) {
        List<ItemAssessed> fresh = inbox.firstDeliveriesOf(CONSUMER, deliveries, Delivery::eventId).stream()
                .map(Delivery::assessed).toList();
        if (fresh.isEmpty()) {
            return;
        }
        Set<UUID> itemIds = new LinkedHashSet<>();
        Set<UUID> annotationIds = new HashSet<>();
        for (ItemAssessed assessed : fresh) {
            itemIds.add(assessed.itemId());
            if (assessed.annotationIds() != null) {
                annotationIds.addAll(assessed.annotationIds());
            }
        }
        gold.lockItems(itemIds);
        items.saveAssessments(fresh);
        Map<UUID, CurrentGold> current = gold.currentOf(itemIds);
        Map<UUID, ReviewItem> review = reviews.findAll(itemIds);
        GoldPublisher.Batch published = publisher.batch(itemIds, annotationIds);
        Instant now = Instant.now(clock);
        for (ItemAssessed assessed : fresh) {
            UUID itemId = assessed.itemId();
            Optional<CurrentGold> currentGold = Optional.ofNullable(current.get(itemId));
            Optional<ProjectEvent> project = projects.find(assessed.projectId());
            Routing routing = routing(itemId, assessed.decision(), assessed.consensusLabel(), assessed.confidence(),
                    ItemStandings.of(Optional.ofNullable(review.get(itemId)), currentGold), currentGold, project);
            switch (routing.action()) {
                case ACCEPT -> {
                    GoldLabel label = published.publish(itemId, assessed.projectId(), project,
                            GoldPublisher.Decision.byConsensus(assessed.consensusLabel(), assessed.confidence()), now,
                            record(assessed));
                    current.put(itemId, new CurrentGold(itemId, assessed.projectId(), label.version(),
                            DecidedBy.CONSENSUS, assessed.consensusLabel(), now));
                }
                case QUEUE -> {
                    reviews.queue(itemId, assessed.projectId(), routing.reason(), now);
                    // the session holds the review just written: no query
                    reviews.find(itemId).ifPresent(queued -> review.put(itemId, queued));
                }
                case KEEP -> {
                    // a reviewer decides, or the consensus gold stands
                }
            }
        }
        published.flush();
    }

    /**
     * Routes again the items that were queued only because their project was not known yet: the project
     * and the assessments travel on different topics, so an assessment may come first.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reconsiderAwaitingProject(UUID projectId) {
        for (UUID itemId : reviews.withdrawPending(projectId, ReviewReason.PROJECT_UNKNOWN)) {
            gold.lockItem(itemId);
            items.findAssessment(itemId).ifPresent(assessment -> route(itemId, projectId, assessment.decision(),
                    assessment.consensusLabel(), assessment.confidence()));
        }
    }

    private void route(UUID itemId, UUID projectId, ItemDecision decision, JsonNode consensusLabel, double confidence) {
        Optional<CurrentGold> current = gold.current(itemId);
        Optional<ProjectEvent> project = projects.find(projectId);
        Routing routing = routing(itemId, decision, consensusLabel, confidence,
                ItemStandings.of(reviews.find(itemId), current), current, project);
        Instant now = Instant.now(clock);
        switch (routing.action()) {
            case ACCEPT -> publisher.publish(itemId, projectId, project,
                    GoldPublisher.Decision.byConsensus(consensusLabel, confidence), now);
            case QUEUE -> reviews.queue(itemId, projectId, routing.reason(), now);
            case KEEP -> {
                // a reviewer decides, or the consensus gold stands
            }
        }
    }

    private static Routing routing(UUID itemId, ItemDecision decision, JsonNode consensusLabel, double confidence,
                                   ItemStanding standing, Optional<CurrentGold> current, Optional<ProjectEvent> project) {
        return AssessmentRouter.route(itemId, decision, consensusLabel, confidence, standing,
                project.map(p -> p.policies().autoAcceptConfidence()).orElse(null),
                project.map(p -> p.policies().spotCheckRate()).orElse(0.0),
                current.map(CurrentGold::label).orElse(null));
    }

    /** The assessment as stored by {@link ItemContextRepository#saveAssessment}. */
    private static AssessmentRecord record(ItemAssessed assessed) {
        return new AssessmentRecord(assessed.itemId(), assessed.decision(), assessed.consensusLabel(),
                assessed.confidence(), assessed.agreement(), assessed.method(), assessed.labelCount(),
                assessed.annotationIds() == null ? List.of() : assessed.annotationIds(), assessed.schemaVersion(),
                assessed.assessedAt());
    }
}
