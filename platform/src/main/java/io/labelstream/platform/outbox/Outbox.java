package io.labelstream.platform.outbox;

import io.agroal.api.AgroalDataSource;
import io.labelstream.contracts.EncodedEvent;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventPayload;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Writes events to the outbox table in the caller's transaction, so that an event exists exactly when
 * the change it describes was committed. The {@link OutboxRelay} publishes them afterwards.
 */
@ApplicationScoped
public class Outbox {

    /**
     * An event to queue, serialised when created: a caller may build many of them ahead of the
     * transaction that queues them, e.g. while the previous batch of a bulk import commits.
     */
    public record Pending(String topic, EncodedEvent event) {

        /** {@code payload} in a new envelope for {@code topic}. */
        public static Pending of(String topic, EventPayload payload, Clock clock) {
            return new Pending(topic, EventCodec.encode(payload, clock));
        }

        public UUID eventId() {
            return event.eventId();
        }

        public String key() {
            return event.key();
        }

        /** The envelope's JSON, the record's value on the topic. */
        public String json() {
            return event.json();
        }

        /** Binds the values of {@link #INSERT_TARGET} from parameter {@code first} on: id, topic, key, JSON. */
        public void bind(PreparedStatement statement, int first) throws SQLException {
            statement.setObject(first, eventId());
            statement.setString(first + 1, topic);
            statement.setString(first + 2, key());
            statement.setString(first + 3, json());
        }
    }

    /**
     * The target of an insert of one event by a caller's own statement: values event id, topic, key and
     * payload, in that order, e.g. from {@link Pending}.
     */
    public static final String INSERT_TARGET = "outbox_event (event_id, topic, record_key, payload)";

    // one statement for any number of events: a bulk import must not pay a round trip per event
    // rows in the order given: their ids are the publishing order
    private static final String INSERT = """
            insert into outbox_event (event_id, topic, record_key, payload)
            select u.e, u.t, u.k, j.p::text
            from unnest(?::uuid[], ?::text[], ?::text[]) with ordinality as u(e, t, k, n)
            join json_array_elements(cast(? as json)) with ordinality as j(p, n) on j.n = u.n
            order by u.n""";
    // the common case of a request that changes one thing: no arrays for the server to unpack
    private static final String INSERT_ONE = "insert into " + INSERT_TARGET + " values (?, ?, ?, ?)";
    private static final String INSERT_BUNDLE =
            "insert into outbox_event (event_id, topic, record_keys, payload) values (?, ?, ?::text[], ?)";

    private final AgroalDataSource dataSource;
    private final Event<OutboxWritten> written;
    private final Clock clock = Clock.systemUTC();

    public Outbox(AgroalDataSource dataSource, Event<OutboxWritten> written) {
        this.dataSource = dataSource;
        this.written = written;
    }

    /** Queues {@code payload} for {@code topic}, keyed by the payload's aggregate id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public EncodedEvent publish(String topic, EventPayload payload) {
        Pending event = Pending.of(topic, payload, clock);
        publishAll(List.of(event));
        return event.event();
    }

    /**
     * The event for {@code payload}, for a caller that stores it in the statement making the change, so
     * that a change of one statement needs neither a second round trip nor a transaction. The caller
     * inserts it into {@link #INSERT_TARGET} and calls {@link #written()} when that statement stored it.
     */
    public Pending prepare(String topic, EventPayload payload) {
        return Pending.of(topic, payload, clock);
    }

    /**
     * Tells the relay that an event was stored by a caller's own statement: after the commit when called
     * inside a transaction, at once outside one (the statement committed itself).
     */
    public void written() {
        written.fire(new OutboxWritten());
    }

    /**
     * Events of one topic stored as one outbox row, published as one record each, in order: for a bulk
     * import, one row per batch rather than one per item. Each envelope takes one line of the row's
     * payload; a line break can only be whitespace between JSON tokens (one inside a string is escaped),
     * so it is replaced by a space. {@code id} names the row, for callers that tell whether it was
     * published yet. Built before the transaction: a bulk import builds the next batch's bundle while the
     * previous batch commits.
     */
    public record Bundle(UUID id, String topic, int size, String keys, String payloads) {

        public static Bundle of(UUID id, String topic, List<Pending> events) {
            StringBuilder lines = new StringBuilder(events.size() * 512);
            for (Pending event : events) {
                if (!event.topic().equals(topic)) {
                    throw new IllegalArgumentException("an event for " + event.topic() + " in a bundle for " + topic);
                }
                if (event.json() == null) {
                    throw new IllegalArgumentException("a bundle carries no tombstones");
                }
                if (!lines.isEmpty()) {
                    lines.append('\n');
                }
                String json = event.json();
                lines.append(json.indexOf('\n') < 0 ? json : json.replace('\n', ' '));
            }
            return new Bundle(id, topic, events.size(),
                    ArrayLiteral.of(events.stream().map(Pending::key).toList()), lines.toString());
        }
    }

    /** Queues a bundle built earlier; an empty one writes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(Bundle bundle) {
        if (bundle.size() == 0) {
            return;
        }
        write(INSERT_BUNDLE, insert -> {
            insert.setObject(1, bundle.id());
            insert.setString(2, bundle.topic());
            insert.setString(3, bundle.keys());
            insert.setString(4, bundle.payloads());
        });
    }

    /** Queues many events at once, in list order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(List<Pending> events) {
        if (events.size() == 1) {
            insert(events.get(0));
        } else if (!events.isEmpty()) {
            write(INSERT, insert -> {
                insert.setString(1, ArrayLiteral.of(events.stream().map(Pending::eventId).toList()));
                insert.setString(2, ArrayLiteral.of(events.stream().map(Pending::topic).toList()));
                insert.setString(3, ArrayLiteral.of(events.stream().map(Pending::key).toList()));
                insert.setString(4, JsonBatch.of(events.stream().map(Pending::json).toList()));
            });
        }
    }

    /** Queues a tombstone (null value) for {@code key} on a compacted topic. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishTombstone(String topic, String key) {
        insert(new Pending(topic, new EncodedEvent(UUID.randomUUID(), key, null)));
    }

    private void insert(Pending event) {
        write(INSERT_ONE, insert -> event.bind(insert, 1));
    }

    private interface Parameters {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Runs one insert into the outbox and tells the relay, which wakes after the commit. */
    private void write(String sql, Parameters parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(sql)) {
            parameters.bind(insert);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("outbox write failed", e);
        }
        written.fire(new OutboxWritten());
    }
}
