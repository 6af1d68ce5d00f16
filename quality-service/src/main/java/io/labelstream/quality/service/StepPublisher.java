package io.labelstream.quality.service;

import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.ItemAssessed;
import io.labelstream.platform.outbox.Outbox;
import io.labelstream.quality.repository.QualityItemRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

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
        for (ItemAssessed event : effects.items()) {
            outbox.publish(Topics.ITEM_QUALITY, event);
            items.markPublished(event.itemId());
        }
        effects.annotators().forEach(event -> outbox.publish(Topics.ANNOTATOR_QUALITY, event));
    }
}
