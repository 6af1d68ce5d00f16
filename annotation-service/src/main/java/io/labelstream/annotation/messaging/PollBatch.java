package io.labelstream.annotation.messaging;

import io.labelstream.annotation.service.Delivered;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Applies a poll batch of one channel in one transaction. Each record is decoded on its own first, so a
 * malformed one is dead-lettered alone with its reason and the rest go on. If the batch's transaction fails
 * as a whole (a value the database refuses, say), each event is applied in a transaction of its own, so
 * only the one that fails again is dead-lettered. A record is acknowledged only after what it caused has
 * committed: the offsets committed never run ahead of the database. The batch as a whole is never failed,
 * since the connector would then dead-letter every record in it, the sound ones too.
 */
final class PollBatch<E> {

    private static final Logger LOG = Logger.getLogger(PollBatch.class);

    private final String channel;
    private final Function<String, Delivered<E>> decode;
    private final Consumer<List<Delivered<E>>> applyAll;
    private final Consumer<Delivered<E>> applyOne;

    /**
     * @param decode   the event a record's value carries; null for tombstones and event types not used
     * @param applyAll applies the events in one transaction
     * @param applyOne applies one event in a transaction of its own
     */
    PollBatch(String channel, Function<String, Delivered<E>> decode, Consumer<List<Delivered<E>>> applyAll,
              Consumer<Delivered<E>> applyOne) {
        this.channel = channel;
        this.decode = decode;
        this.applyAll = applyAll;
        this.applyOne = applyOne;
    }

    CompletionStage<Void> apply(KafkaRecordBatch<String, String> batch) {
        List<CompletionStage<Void>> acknowledged = new ArrayList<>();
        List<KafkaRecord<String, String>> records = new ArrayList<>();
        List<Delivered<E>> deliveries = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                Delivered<E> delivery = record.getPayload() == null ? null : decode.apply(record.getPayload());
                if (delivery == null) {
                    acknowledged.add(record.ack());
                } else {
                    records.add(record);
                    deliveries.add(delivery);
                }
            } catch (RuntimeException poison) {
                acknowledged.add(record.nack(poison));
            }
        }
        if (!deliveries.isEmpty()) {
            acknowledged.addAll(applied(records, deliveries));
        }
        return CompletableFuture.allOf(acknowledged.stream().map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture[]::new));
    }

    private List<CompletionStage<Void>> applied(List<KafkaRecord<String, String>> records, List<Delivered<E>> deliveries) {
        try {
            applyAll.accept(deliveries);
            return records.stream().map(KafkaRecord::ack).toList();
        } catch (RuntimeException batchFailed) {
            LOG.warnf("a batch of %d events of %s failed as a whole (%s); applying them one transaction each",
                    deliveries.size(), channel, batchFailed.toString());
        }
        List<CompletionStage<Void>> acknowledged = new ArrayList<>();
        for (int i = 0; i < deliveries.size(); i++) {
            KafkaRecord<String, String> record = records.get(i);
            try {
                applyOne.accept(deliveries.get(i));
                acknowledged.add(record.ack());
            } catch (RuntimeException failed) {
                acknowledged.add(record.nack(failed));
            }
        }
        return acknowledged;
    }
}
