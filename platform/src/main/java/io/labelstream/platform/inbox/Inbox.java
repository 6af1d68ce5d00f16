package io.labelstream.platform.inbox;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Remembers which events a consumer has applied. Call {@link #firstDelivery} first thing in the
 * transaction that applies an event: the record of the event id commits or rolls back with the effect,
 * so a redelivered event changes nothing and a failed one is tried again.
 */
@ApplicationScoped
public class Inbox {

    private static final String RECORD =
            "insert into inbox_event (consumer, event_id) values (?, ?) on conflict do nothing";
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
}
