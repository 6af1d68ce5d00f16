package io.labelstream.adjudication;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads a topic from the start to its current end, like a fresh ML pipeline would: no consumer group, every
 * partition from offset 0.
 */
final class GoldTopic {

    private GoldTopic() {
    }

    /** Every record of the topic in partition order: key and value (null for a tombstone). */
    static List<Map.Entry<String, String>> readAll(String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Fixtures.bootstrapServers());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<Map.Entry<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(new AbstractMap.SimpleEntry<>(record.key(), record.value()));
                }
            }
        }
        return records;
    }

    /** What a consumer that keeps the latest record per key ends with: tombstones remove their key. */
    static Map<String, JsonNode> latestPerKey() {
        Map<String, JsonNode> latest = new HashMap<>();
        for (Map.Entry<String, String> record : readAll(Topics.GOLD)) {
            if (record.getValue() == null) {
                latest.remove(record.getKey());
            } else {
                latest.put(record.getKey(), payload(record.getValue()));
            }
        }
        return latest;
    }

    /** The records of one key in order; a null element is a tombstone. */
    static List<JsonNode> recordsOf(String key) {
        List<JsonNode> values = new ArrayList<>();
        for (Map.Entry<String, String> record : readAll(Topics.GOLD)) {
            if (key.equals(record.getKey())) {
                values.add(record.getValue() == null ? null : payload(record.getValue()));
            }
        }
        return values;
    }

    static JsonNode payload(String value) {
        EventEnvelope envelope = EventCodec.read(value);
        return envelope.payload();
    }
}
