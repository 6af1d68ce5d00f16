package io.labelstream.platform.outbox;

import io.agroal.api.AgroalDataSource;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.EventPayload;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;

/**
 * Writes events to the outbox table in the caller's transaction, so that an event exists exactly when
 * the change it describes was committed. The {@link OutboxRelay} publishes them afterwards.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT =
            "insert into outbox_event (event_id, topic, record_key, payload) values (?, ?, ?, ?)";

    private final AgroalDataSource dataSource;
    private final Event<OutboxWritten> written;
    private final Clock clock = Clock.systemUTC();

    public Outbox(AgroalDataSource dataSource, Event<OutboxWritten> written) {
        this.dataSource = dataSource;
        this.written = written;
    }

    /** Queues {@code payload} for {@code topic}, keyed by the payload's aggregate id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope publish(String topic, EventPayload payload) {
        EventEnvelope envelope = EventCodec.envelope(payload, clock);
        insert(envelope, topic, envelope.key(), EventCodec.write(envelope));
        return envelope;
    }

    /** Queues a tombstone (null value) for {@code key} on a compacted topic. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishTombstone(String topic, String key) {
        insert(null, topic, key, null);
    }

    private void insert(EventEnvelope envelope, String topic, String key, String json) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setObject(1, envelope == null ? java.util.UUID.randomUUID() : envelope.eventId());
            insert.setString(2, topic);
            insert.setString(3, key);
            insert.setString(4, json);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("outbox write failed", e);
        }
        written.fire(new OutboxWritten());
    }
}
