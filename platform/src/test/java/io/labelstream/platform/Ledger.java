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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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

    /**
     * Records many entries and publishes their events as one outbox bundle; the first envelope is written
     * pretty-printed, with line breaks between its JSON tokens. Returns the bundle's id.
     */
    @Transactional
    public UUID recordBundle(List<Entry> entries) {
        List<Outbox.Pending> events = new ArrayList<>();
        for (Entry entry : entries) {
            execute("insert into ledger_entry (id, note) values (?, ?)", entry.id(), entry.note());
            events.add(outbox.prepare(TOPIC, entry));
        }
        Outbox.Pending first = events.get(0);
        try {
            String pretty = EventCodec.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(EventCodec.mapper().readTree(first.json()));
            events.set(0, new Outbox.Pending(TOPIC, new EncodedEvent(first.eventId(), first.key(), pretty)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        UUID bundle = UUID.randomUUID();
        outbox.publish(Outbox.Bundle.of(bundle, TOPIC, events));
        return bundle;
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

    /** Records a batch of deliveries as a batch consumer would; returns the ids applied for the first time. */
    @Transactional
    public Set<UUID> applyAll(String consumer, List<UUID> eventIds) {
        return inbox.firstDeliveries(consumer, eventIds);
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
