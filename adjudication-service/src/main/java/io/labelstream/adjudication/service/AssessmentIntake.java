package io.labelstream.adjudication.service;

import com.fasterxml.jackson.databind.JsonNode;

import io.labelstream.adjudication.domain.AssessmentRouter;
import io.labelstream.adjudication.domain.CurrentGold;
import io.labelstream.adjudication.domain.ItemStanding;
import io.labelstream.adjudication.domain.Routing;
import io.labelstream.adjudication.repository.GoldRepository;
import io.labelstream.adjudication.repository.ItemContextRepository;
import io.labelstream.adjudication.repository.ReviewRepository;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.events.ItemAssessed;
import io.labelstream.contracts.events.ProjectEvent;
import java.util.UUID;
import io.labelstream.adjudication.domain.ReviewReason;
import io.labelstream.contracts.events.ItemDecision;
import io.labelstream.platform.inbox.Inbox;
import io.labelstream.platform.project.ProjectDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Turns quality's item assessments into gold labels or review work. */
@ApplicationScoped
public class AssessmentIntake {

    static final String CONSUMER = "adjudication.item-quality";

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
        ItemAssessed assessed = EventCodec.payload(envelope, ItemAssessed.class);
        if (!inbox.firstDelivery(CONSUMER, envelope.eventId())) {
            return;
        }
        gold.lockItem(assessed.itemId());
        items.saveAssessment(assessed);
        route(assessed.itemId(), assessed.projectId(), assessed.decision(), assessed.consensusLabel(),
                assessed.confidence());
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
        ItemStanding standing = ItemStandings.of(reviews.find(itemId), current);
        Optional<ProjectEvent> project = projects.find(projectId);
        Routing routing = AssessmentRouter.route(itemId, decision, consensusLabel, confidence, standing,
                project.map(p -> p.policies().autoAcceptConfidence()).orElse(null),
                project.map(p -> p.policies().spotCheckRate()).orElse(0.0),
                current.map(CurrentGold::label).orElse(null));
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
}
