package io.labelstream.platform.outbox;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes committed outbox rows to Kafka in id order and deletes them. A row is deleted only after
 * the broker acknowledged it ({@code acks=all}, idempotent producer), so a crash between send and delete
 * publishes the row again with the same event id, which consumers' inboxes drop. One instance relays at
 * a time (a transaction-scoped advisory lock), which keeps the per-key order across replicas.
 *
 * <p>Deleting costs the database less than marking: a delete writes no new row version and no index
 * entry, and leaves nothing to purge later. The topic is the record of what was published.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    // the round's statements are planned for their values (set_config local to the transaction, in the same round
    // trip): a plan the connection cached while the table was empty tests each row against the whole array of ids
    // to delete, and the table may since hold a burst
    private static final String LOCK = "select pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox')),"
            + " set_config('plan_cache_mode', 'force_custom_plan', true)";
    // every row is unsent now that sent rows are deleted; the condition keeps out the rows an earlier
    // relay marked sent instead, in a database that outlived it
    // the first rows up to about batch-size records: a bundle row counts its records, and the row that crosses the
    // limit is taken whole, so a bundle larger than the batch still goes. One pass over the unsent rows in id order,
    // joined to nothing: the table swings between empty and a burst's backlog faster than its statistics follow,
    // and a join planned for an empty table read the whole table once per row of a full one
    private static final String UNSENT = """
            select id, topic, record_key, payload, record_keys from (
                select id, topic, record_key, payload, record_keys,
                       sum(coalesce(cardinality(record_keys), 1)) over (order by id)
                           - coalesce(cardinality(record_keys), 1) as before
                from outbox_event where sent_at is null order by id limit ?) head
            where before < ?
            order by id""";
    private static final String DELETE_SENT = "delete from outbox_event where id = any(?)";
    // index cleanup forced: the dead entries of the unsent index are what the relay's reads walk
    private static final String VACUUM = "vacuum (index_cleanup on) outbox_event";
    private static final String BACKLOG =
            "select coalesce(sum(coalesce(cardinality(record_keys), 1)), 0) from outbox_event where sent_at is null";

    private final AgroalDataSource dataSource;
    private final OutboxConfig config;
    private final String bootstrapServers;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong deletedSinceVacuum = new AtomicLong();
    private final RelayPacing pacing;
    private volatile boolean running;
    private volatile Thread worker;
    private KafkaProducer<String, String> producer;

    public OutboxRelay(AgroalDataSource dataSource, OutboxConfig config, MeterRegistry registry,
                       @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.dataSource = dataSource;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.pacing = new RelayPacing(config.batchSize(), config.idlePoll(), config.linger());
        Gauge.builder("labelstream.outbox.backlog", backlog, AtomicLong::get)
                .description("Outbox events committed but not yet published")
                .register(registry);
    }

    void start(@Observes StartupEvent started) {
        if (!config.relayEnabled()) {
            return;
        }
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        running = false;
        pacing.shutDown();
        Thread current = worker;
        if (current != null) {
            current.join(TimeUnit.SECONDS.toMillis(10));
        }
        if (producer != null) {
            producer.close();
        }
    }

    void onCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
        pacing.committed();
    }

    private void loop() {
        while (running) {
            try {
                pacing.awaitNextRound(relayOnce());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf(e, "outbox relay failed; retrying in %s", config.failureBackoff());
                try {
                    pacing.backOff(config.failureBackoff());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Publishes one batch of unsent rows; returns how many events were published. */
    public int relayOnce() {
        Round round = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                if (!tryLock(connection)) {
                    return Round.LOCK_BUSY;
                }
                List<OutboxRow> rows = unsent(connection);
                if (rows.isEmpty()) {
                    return Round.NOTHING_UNSENT;
                }
                int events = send(rows);
                deleteSent(connection, rows);
                return new Round(true, events, rows.size());
            }
        });
        refreshBacklog(round);
        vacuumWhenDue(round);
        return round.published();
    }

    /** What one relay round did: whether it held the lock, how many events it published and rows it deleted. */
    private record Round(boolean locked, int published, int deleted) {
        static final Round LOCK_BUSY = new Round(false, 0, 0);
        static final Round NOTHING_UNSENT = new Round(true, 0, 0);
    }

    /**
     * Vacuums the outbox once this relay has deleted enough rows since it last did. Runs after the round's commit,
     * outside any transaction, as VACUUM must; it takes no lock that writers or the relay's own rounds wait for.
     */
    private void vacuumWhenDue(Round round) {
        int threshold = config.vacuumAfterRows();
        if (threshold <= 0 || round.deleted() == 0 || deletedSinceVacuum.addAndGet(round.deleted()) < threshold) {
            return;
        }
        deletedSinceVacuum.set(0);
        try (Connection connection = dataSource.getConnection(); Statement vacuum = connection.createStatement()) {
            vacuum.execute(VACUUM);
        } catch (SQLException e) {
            // autovacuum still cleans the table, later; the next threshold tries again
            LOG.warnf("vacuum of the outbox failed: %s", e.getMessage());
        }
    }

    /**
     * Sends one batch without deleting it: what a relay that dies right after the broker's ack leaves
     * behind. Exposed so that tests can prove such rows are sent again and deduplicated downstream.
     */
    public int sendWithoutDeleting() {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return send(unsent(connection));
            }
        });
    }

    public long backlog() {
        return backlog.get();
    }

    private boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK); ResultSet result = lock.executeQuery()) {
            return result.next() && result.getBoolean(1);
        }
    }

    private List<OutboxRow> unsent(Connection connection) throws SQLException {
        List<OutboxRow> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(UNSENT)) {
            select.setInt(1, config.batchSize());
            select.setInt(2, config.batchSize());
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    Array keys = result.getArray(5);
                    rows.add(new OutboxRow(result.getLong(1), result.getString(2), result.getString(3),
                            result.getString(4), keys == null ? null : (String[]) keys.getArray()));
                }
            }
        }
        return rows;
    }

    /** Sends the rows' events and waits for the broker's acknowledgements; returns how many were sent. */
    private int send(List<OutboxRow> rows) throws InterruptedException, ExecutionException {
        KafkaProducer<String, String> kafka = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            row.records().forEach(record -> acks.add(kafka.send(record)));
        }
        kafka.flush();
        for (Future<RecordMetadata> ack : acks) {
            ack.get();
        }
        return acks.size();
    }

    private void deleteSent(Connection connection, List<OutboxRow> rows) throws SQLException {
        Long[] ids = rows.stream().map(OutboxRow::id).toArray(Long[]::new);
        try (PreparedStatement delete = connection.prepareStatement(DELETE_SENT)) {
            Array array = connection.createArrayOf("bigint", ids);
            delete.setArray(1, array);
            delete.executeUpdate();
        }
    }

    private void refreshBacklog(Round round) {
        // a round that held the lock and took less than a batch saw every unsent row: nothing is left, and the
        // idle relay, which runs several rounds a second on a quiet stack, needs no count of its own
        if (round.locked() && round.published() < config.batchSize()) {
            backlog.set(0);
        }
        if (!round.locked()) {
            QuarkusTransaction.requiringNew().run(() -> {
                try (Connection connection = dataSource.getConnection();
                     PreparedStatement count = connection.prepareStatement(BACKLOG);
                     ResultSet result = count.executeQuery()) {
                    result.next();
                    backlog.set(result.getLong(1));
                } catch (SQLException e) {
                    throw new IllegalStateException("outbox bookkeeping failed", e);
                }
            });
        }
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties properties = new Properties();
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
            properties.put(ProducerConfig.LINGER_MS_CONFIG, "2");
            properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.compression());
            properties.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
            properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            producer = new KafkaProducer<>(properties);
        }
        return producer;
    }

    /** A row of the outbox: one event, or with {@code bundleKeys} a bundle of events, one per payload line. */
    private record OutboxRow(long id, String topic, String key, String payload, String[] bundleKeys) {

        List<ProducerRecord<String, String>> records() {
            if (bundleKeys == null) {
                return List.of(new ProducerRecord<>(topic, key, payload));
            }
            String[] lines = payload.split("\n", -1);
            if (lines.length != bundleKeys.length) {
                throw new IllegalStateException("outbox row " + id + " holds " + lines.length + " events for "
                        + bundleKeys.length + " keys");
            }
            List<ProducerRecord<String, String>> records = new ArrayList<>(lines.length);
            for (int i = 0; i < lines.length; i++) {
                records.add(new ProducerRecord<>(topic, bundleKeys[i], lines[i]));
            }
            return records;
        }
    }
}
