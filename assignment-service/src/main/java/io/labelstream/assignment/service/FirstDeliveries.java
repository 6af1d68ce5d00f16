package io.labelstream.assignment.service;

import io.labelstream.platform.inbox.Inbox;

import java.util.Comparator;
import java.util.List;

/** The events of a poll batch a consumer sees for the first time, each once. */
final class FirstDeliveries {

    private FirstDeliveries() {
    }

    /**
     * Records the batch's event ids in the inbox in one statement and answers the events seen for the first time,
     * in delivery order, an event delivered twice in the batch once.
     */
    static <E> List<Delivered<E>> of(Inbox inbox, String consumer, List<Delivered<E>> deliveries) {
        return inbox.firstDeliveriesOf(consumer, deliveries, Delivered::eventId);
    }

    /**
     * {@link #of(Inbox, String, List)}, sorted stably by {@code order}: the rows they lock are then
     * locked in that order by every batch, so concurrent batches wait for one another without a cycle, and two
     * events on the same row keep their delivery order.
     */
    static <E> List<Delivered<E>> of(Inbox inbox, String consumer, List<Delivered<E>> deliveries,
                                     Comparator<E> order) {
        List<Delivered<E>> fresh = of(inbox, consumer, deliveries);
        fresh.sort(Comparator.comparing(Delivered::event, order));
        return fresh;
    }
}
