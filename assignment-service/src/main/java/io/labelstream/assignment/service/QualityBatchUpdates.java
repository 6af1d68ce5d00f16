package io.labelstream.assignment.service;

import io.labelstream.assignment.domain.UuidOrder;
import io.labelstream.assignment.repository.AnnotatorProgressRepository;
import io.labelstream.assignment.repository.PoolItemBatchRepository;
import io.labelstream.contracts.events.AnnotatorAssessed;
import io.labelstream.contracts.events.AnnotatorStatus;
import io.labelstream.contracts.events.GoldLabel;
import io.labelstream.contracts.events.ItemAssessed;
import io.labelstream.contracts.events.ItemDecision;
import io.labelstream.platform.inbox.Inbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Comparator;
import java.util.List;

/**
 * Quality's and adjudication's per-label events, a poll batch in one transaction: one inbox statement for the
 * batch, then the batch's effects, with the rows locked in one order (items by id, progress rows by project
 * and annotator). Each does what {@link TaskPoolUpdates} does one event at a time.
 */
@ApplicationScoped
public class QualityBatchUpdates {

    private final Inbox inbox;
    private final PoolItemBatchRepository items;
    private final AnnotatorProgressRepository progress;
    private final TaskPoolUpdates updates;

    public QualityBatchUpdates(Inbox inbox, PoolItemBatchRepository items, AnnotatorProgressRepository progress,
                               TaskPoolUpdates updates) {
        this.inbox = inbox;
        this.items = items;
        this.progress = progress;
        this.updates = updates;
    }

    /** Items resolved or disputed are closed in one statement; the others get their overlap raised. */
    @Transactional
    public void onItemsAssessed(List<Delivered<ItemAssessed>> deliveries) {
        List<ItemAssessed> fresh = FirstDeliveries.of(inbox, TaskPoolUpdates.ITEM_QUALITY, deliveries,
                        Comparator.comparing(ItemAssessed::itemId, UuidOrder.DATABASE)).stream()
                .map(Delivered::event).filter(a -> a.decision() != null).toList();
        items.lock(fresh.stream().map(ItemAssessed::itemId).toList());
        items.close(fresh.stream().filter(QualityBatchUpdates::closes).map(ItemAssessed::itemId).toList());
        fresh.stream().filter(a -> !closes(a)).forEach(updates::raiseOverlap);
    }

    private static boolean closes(ItemAssessed assessed) {
        return assessed.decision() == ItemDecision.RESOLVED || assessed.decision() == ItemDecision.DISPUTED;
    }

    @Transactional
    public void onGold(List<Delivered<GoldLabel>> deliveries) {
        items.close(FirstDeliveries.of(inbox, TaskPoolUpdates.GOLD, deliveries,
                Comparator.comparing(GoldLabel::itemId, UuidOrder.DATABASE)).stream()
                .map(d -> d.event().itemId()).toList());
    }

    /**
     * Statuses other than quarantine, in one upsert of the annotators' progress rows; the last of an annotator's
     * events in the batch decides, as one at a time. A quarantine also gives the annotator's reserved slots back,
     * which locks items after the progress row: a batch that holds one is applied one event at a time (see
     * {@link #holdsQuarantine}), so that no transaction locks another annotator's progress row after items.
     */
    @Transactional
    public void onAnnotatorsAssessed(List<Delivered<AnnotatorAssessed>> deliveries) {
        if (holdsQuarantine(deliveries)) {
            throw new IllegalArgumentException("a quarantine is applied one event at a time");
        }
        progress.setStatuses(FirstDeliveries.of(inbox, TaskPoolUpdates.ANNOTATOR_QUALITY, deliveries).stream()
                .map(Delivered::event).filter(a -> a.status() != null).toList());
    }

    public static boolean holdsQuarantine(List<Delivered<AnnotatorAssessed>> deliveries) {
        return deliveries.stream().anyMatch(d -> d.event().status() == AnnotatorStatus.QUARANTINED);
    }
}
