package io.labelstream.platform.messaging;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Applies the records of one poll of a batch channel ({@code batch=true}) together: each record is decoded and
 * checked first, alone, and one that cannot be read goes to the channel's dead-letter topic as it would in
 * record mode; the others are applied in one transaction. When that transaction fails (a record
 * whose effect the database refuses), nothing of it stays, and the records are applied again one transaction
 * each, so that the one at fault goes to the dead-letter topic and holds back none of the rest. The connector
 * commits the batch's offsets only after this returns, so a crash at any point replays the batch, and the
 * inbox makes the replay change nothing that was committed. A database that cannot take the work now (see
 * {@link WhileDatabaseBusy}) fails neither the batch nor a record: the work waits for it and is applied again.
 */
public final class PollBatches {

    private static final Logger LOG = Logger.getLogger(PollBatches.class);
    // a dead-letter send is awaited before the batch is acknowledged, so that no offset passes a record that
    // is neither applied nor dead-lettered; bounded, so that a broker that is gone cannot hold the consumer
    private static final long DEAD_LETTER_TIMEOUT_SECONDS = 30;

    private PollBatches() {
    }

    /** Reads one record; null skips it (a tombstone, an event type the consumer does not use); throws if unreadable. */
    @FunctionalInterface
    public interface Decoder<T> {
        T decode(KafkaRecord<String, String> record);
    }

    /**
     * @param applyAll applies every decoded record in one transaction, in the batch's order
     * @param applyOne applies one decoded record in a transaction of its own
     */
    public static <T> void apply(IncomingKafkaRecordBatchMetadata<String, String> batch, Decoder<T> decoder,
                                 Consumer<List<T>> applyAll, Consumer<T> applyOne) {
        List<T> decoded = new ArrayList<>();
        List<Message<?>> sources = new ArrayList<>();
        for (Message<?> message : batch.getBatchedMessages()) {
            @SuppressWarnings("unchecked")
            KafkaRecord<String, String> record = (KafkaRecord<String, String>) message;
            T value;
            try {
                value = decoder.decode(record);
            } catch (RuntimeException e) {
                deadLetter(message, e);
                continue;
            }
            if (value != null) {
                decoded.add(value);
                sources.add(message);
            }
        }
        if (decoded.isEmpty()) {
            return;
        }
        String channel = batch.getChannel();
        try {
            WhileDatabaseBusy.run("a batch of " + decoded.size() + " records on " + channel,
                    () -> applyAll.accept(decoded));
            return;
        } catch (RuntimeException e) {
            LOG.warnf(e, "a batch of %d records on %s failed as a whole; applying them one at a time", decoded.size(),
                    channel);
        }
        for (int i = 0; i < decoded.size(); i++) {
            T one = decoded.get(i);
            try {
                WhileDatabaseBusy.run("a record on " + channel, () -> applyOne.accept(one));
            } catch (RuntimeException e) {
                deadLetter(sources.get(i), e);
            }
        }
    }

    private static void deadLetter(Message<?> message, Throwable reason) {
        try {
            message.nack(reason).toCompletableFuture().get(DEAD_LETTER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.errorf(reason, "record could not be dead-lettered (interrupted)");
        } catch (Exception e) {
            LOG.errorf(e, "record could not be dead-lettered; its failure was: %s", reason.getMessage());
        }
    }
}
