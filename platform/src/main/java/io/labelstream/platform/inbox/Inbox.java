package io.labelstream.platform.inbox;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Remembers which events a consumer has applied. Call {@link #firstDelivery} first thing in the
 * transaction that applies an event: the record of the event id commits or rolls back with the effect,
 * so a redelivered event changes nothing and a failed one is tried again.
 */
@ApplicationScoped
public class Inbox {

    private static final String RECORD =
            "insert into inbox_event (consumer, event_id) values (?, ?) on conflict do nothing";
    // sorted, so that consumers recording overlapping ids wait for one another in one order, never in a cycle
    private static final String RECORD_ALL = "insert into inbox_event (consumer, event_id)"
            + " select ?, e.id from unnest(?) with ordinality as e (id, n) order by n"
            + " on conflict do nothing returning event_id";

    /**
     * {@link #firstDelivery} as a statement to embed, for a consumer that applies an event in one statement: its
     * parameters are the consumer and the event id, and it returns one row on the first delivery only. The
     * statement's other parts apply the event only when it returned a row.
     */
    public static final String FIRST_DELIVERY = RECORD + " returning event_id";

    private final AgroalDataSource dataSource;

    public Inbox(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** True the first time {@code consumer} sees {@code eventId}; false for every redelivery. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, UUID eventId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(RECORD)) {
            insert.setString(1, consumer);
            insert.setObject(2, eventId);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("inbox write failed", e);
        }
    }

    /**
     * The ids among {@code eventIds} that {@code consumer} sees for the first time, recorded in one statement:
     * the batch form of {@link #firstDelivery}, with the same guarantee; an id given twice counts once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> firstDeliveries(String consumer, Collection<UUID> eventIds) {
        Set<UUID> first = new HashSet<>();
        UUID[] sorted = eventIds.stream().distinct().sorted().toArray(UUID[]::new);
        if (sorted.length == 0) {
            return first;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(RECORD_ALL)) {
            insert.setString(1, consumer);
            insert.setArray(2, connection.createArrayOf("uuid", sorted));
            try (ResultSet recorded = insert.executeQuery()) {
                while (recorded.next()) {
                    first.add(recorded.getObject(1, UUID.class));
                }
            }
            return first;
        } catch (SQLException e) {
            throw new IllegalStateException("inbox write failed", e);
        }
    }

    /**
     * The deliveries of a poll batch whose events {@code consumer} sees for the first time, in delivery order,
     * an event delivered twice in the batch once; the batch's event ids recorded in one statement.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <D> List<D> firstDeliveriesOf(String consumer, List<D> deliveries, Function<D, UUID> eventId) {
        Set<UUID> first = firstDeliveries(consumer, deliveries.stream().map(eventId).toList());
        List<D> fresh = new ArrayList<>();
        for (D delivery : deliveries) {
            // removed once taken: the same event twice in one batch is taken once
            if (first.remove(eventId.apply(delivery))) {
                fresh.add(delivery);
            }
        }
        return fresh;
    }
}
