package io.labelstream.platform;

import io.agroal.api.AgroalDataSource;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EncodedEvent;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.EventPayload;
import io.labelstream.platform.inbox.Inbox;
import io.labelstream.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** A tiny service used by the tests: it changes a table and publishes through the outbox. */
@ApplicationScoped
public class Ledger {

    public static final String TOPIC = "platform.ledger";

    private final AgroalDataSource dataSource;
    private final Outbox outbox;
    private final Inbox inbox;

    public Ledger(AgroalDataSource dataSource, Outbox outbox, Inbox inbox) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.inbox = inbox;
    }

    public record Entry(UUID id, String note) implements EventPayload {
        @Override
        public UUID projectId() {
            return id;
        }

        @Override
        public String key() {
            return id.toString();
        }
    }

    @Transactional
    public EncodedEvent record(Entry entry) {
        execute("insert into ledger_entry (id, note) values (?, ?)", entry.id(), entry.note());
        return outbox.publish(TOPIC, entry);
    }

    @Transactional
    public void recordThenFail(Entry entry) {
        record(entry);
        throw new IllegalStateException("the change fails after its event was written");
    }

    /** Applies an event as a consumer would: once per event id. */
    @Transactional
    public boolean apply(String json) {
        EventEnvelope envelope = EventCodec.read(json);
        if (!inbox.firstDelivery("ledger-consumer", envelope.eventId())) {
            return false;
        }
        Entry entry = EventCodec.payload(envelope, Entry.class);
        execute("insert into ledger_applied (event_id, note) values (?, ?)", envelope.eventId(), entry.note());
        return true;
    }

    public long count(String sql, Object parameter) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
