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
        BatchAssessments staged = new BatchAssessments();
        stage(effects, staged);
        publishAll(staged);
    }

    /**
     * Adds the step's events to {@code staged}, for the caller to queue with those of other steps in one
     * statement, and remembers at once, as the step leaves them, the item decisions it publishes.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void stage(StepEffects effects, BatchAssessments staged) {
        for (ItemAssessed event : effects.items()) {
            staged.add(event);
            items.markPublished(event.itemId());
        }
        effects.annotators().forEach(staged::add);
    }

    /** Queues the events staged by a batch's steps, in their order, with one statement. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(BatchAssessments staged) {
        outbox.publishAll(staged.toPublish().stream().map(event -> outbox.prepare(
                event instanceof ItemAssessed ? Topics.ITEM_QUALITY : Topics.ANNOTATOR_QUALITY, event)).toList());
    }
}
