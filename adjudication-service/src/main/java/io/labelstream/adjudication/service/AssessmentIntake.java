package io.labelstream.adjudication.service;

import io.labelstream.adjudication.domain.AssessmentRouter;
import io.labelstream.adjudication.domain.CurrentGold;
import io.labelstream.adjudication.domain.ItemStanding;
import io.labelstream.adjudication.domain.Routing;
import io.labelstream.adjudication.repository.GoldRepository;
import io.labelstream.adjudication.repository.ItemContextRepository;
import io.labelstream.adjudication.repository.ReviewRepository;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.events.DecidedBy;
import io.labelstream.contracts.events.ItemAssessed;
import io.labelstream.contracts.events.ProjectEvent;
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
        Optional<CurrentGold> current = gold.current(assessed.itemId());
        ItemStanding standing = ItemStandings.of(reviews.find(assessed.itemId()), current);
        Optional<ProjectEvent> project = projects.find(assessed.projectId());
        Routing routing = AssessmentRouter.route(assessed.itemId(), assessed.decision(), assessed.consensusLabel(),
                assessed.confidence(), standing,
                project.map(p -> p.policies().autoAcceptConfidence()).orElse(null),
                project.map(p -> p.policies().spotCheckRate()).orElse(0.0),
                current.map(CurrentGold::label).orElse(null));
        Instant now = Instant.now(clock);
        switch (routing.action()) {
            case ACCEPT -> publisher.publish(assessed.itemId(), assessed.projectId(), project,
                    new GoldPublisher.Decision(assessed.consensusLabel(), DecidedBy.CONSENSUS, null, assessed.confidence()),
                    now);
            case QUEUE -> reviews.queue(assessed.itemId(), assessed.projectId(), routing.reason(), now);
            case KEEP -> {
                // a reviewer decides, or the consensus gold stands
            }
        }
    }
}
