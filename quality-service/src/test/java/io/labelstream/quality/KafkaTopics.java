package io.labelstream.quality;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.EventPayload;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/** Writes envelopes to the real broker and reads whole topics back, as another service would. */
final class KafkaTopics {

    private KafkaTopics() {
    }

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    static EventEnvelope envelope(EventPayload payload) {
        return EventCodec.envelope(payload, Clock.systemUTC());
    }

    static EventEnvelope send(String topic, EventPayload payload) {
        EventEnvelope envelope = envelope(payload);
        send(topic, envelope.key(), EventCodec.write(envelope));
        return envelope;
    }

    static void send(String topic, EventEnvelope envelope) {
        send(topic, envelope.key(), EventCodec.write(envelope));
    }

    static void send(String topic, String key, String value) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("send to " + topic + " failed", e);
        }
    }

    /**
     * Sends the payloads in order through one producer and waits until every one is acknowledged: a burst that
     * the consumers of the topic's partitions work through at the same time.
     */
    static void sendAll(String topic, List<? extends EventPayload> payloads) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (EventPayload payload : payloads) {
                EventEnvelope envelope = envelope(payload);
                acks.add(producer.send(new ProducerRecord<>(topic, envelope.key(), EventCodec.write(envelope))));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("send to " + topic + " failed", e);
        }
    }

    /** Every record of the topic up to its current end. */
    static List<ConsumerRecord<String, String>> readAll(String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "quality-test-" + UUID.randomUUID());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** The envelopes of one type on a topic whose payload matches. */
    static List<JsonNode> payloads(String topic, String type, Predicate<JsonNode> matching) {
        List<JsonNode> payloads = new ArrayList<>();
        for (ConsumerRecord<String, String> record : readAll(topic)) {
            if (record.value() == null) {
                continue;
            }
            EventEnvelope envelope = EventCodec.read(record.value());
            if (type.equals(envelope.type()) && matching.test(envelope.payload())) {
                payloads.add(envelope.payload());
            }
        }
        return payloads;
    }
}
