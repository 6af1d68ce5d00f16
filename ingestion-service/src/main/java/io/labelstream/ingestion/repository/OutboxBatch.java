package io.labelstream.ingestion.repository;

import io.agroal.api.AgroalDataSource;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.platform.outbox.OutboxWritten;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes many events to the platform's outbox table in one statement, in the caller's transaction; the
 * platform's relay publishes them like any other outbox row. Bulk imports need this: one insert per event
 * would cost a round trip per item.
 */
@ApplicationScoped
public class OutboxBatch {

    /** An envelope bound for a topic. */
    public record Pending(String topic, EventEnvelope envelope) {
    }

    private static final String INSERT = """
            insert into outbox_event (event_id, topic, record_key, payload)
            select * from unnest(?::uuid[], ?::text[], ?::text[], ?::text[])""";

    private final AgroalDataSource dataSource;
    private final Event<OutboxWritten> written;

    public OutboxBatch(AgroalDataSource dataSource, Event<OutboxWritten> written) {
        this.dataSource = dataSource;
        this.written = written;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(List<Pending> events) {
        if (events.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setArray(1, connection.createArrayOf("uuid", events.stream().map(e -> e.envelope().eventId()).toArray()));
            insert.setArray(2, connection.createArrayOf("text", events.stream().map(Pending::topic).toArray()));
            insert.setArray(3, connection.createArrayOf("text", events.stream().map(e -> e.envelope().key()).toArray()));
            insert.setArray(4, connection.createArrayOf("text",
                    events.stream().map(e -> EventCodec.write(e.envelope())).toArray()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("outbox write failed", e);
        }
        written.fire(new OutboxWritten());
    }
}
