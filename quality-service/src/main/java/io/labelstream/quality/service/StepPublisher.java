package io.labelstream.quality.service;

import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.ItemAssessed;
import io.labelstream.platform.outbox.Outbox;
import io.labelstream.quality.repository.QualityItemRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;

/** Publishes what a step changed through the outbox, in the step's transaction. */
@ApplicationScoped
public class StepPublisher {

    private final Outbox outbox;
    private final QualityItemRepository items;

    public StepPublisher(Outbox outbox, QualityItemRepository items) {
        this.outbox = outbox;
        this.items = items;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(StepEffects effects) {
        List<Outbox.Pending> events = new ArrayList<>();
        stage(effects, events);
        outbox.publishAll(events);
    }

    /**
     * Adds the step's events to {@code events}, for the caller to queue with those of other steps in one
     * statement, and remembers at once, as the step leaves them, the item decisions it publishes.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void stage(StepEffects effects, List<Outbox.Pending> events) {
        for (ItemAssessed event : effects.items()) {
            events.add(outbox.prepare(Topics.ITEM_QUALITY, event));
            items.markPublished(event.itemId());
        }
        effects.annotators().forEach(event -> events.add(outbox.prepare(Topics.ANNOTATOR_QUALITY, event)));
    }

    /** Queues the events staged by steps, in their order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(List<Outbox.Pending> events) {
        outbox.publishAll(events);
    }
}
