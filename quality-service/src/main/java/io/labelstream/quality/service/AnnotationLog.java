package io.labelstream.quality.service;

import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.quality.config.QualityConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The annotation log as a rebuild reads it: a fresh consumer with its own group assigns every partition of the
 * topic, seeks to the beginning and reads up to the end offsets found at the start, partition by partition in
 * poll order.
 */
@ApplicationScoped
public class AnnotationLog {

    private final QualityConfig config;
    private final String bootstrapServers;

    public AnnotationLog(QualityConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
    }

    /** Hands the project's annotations to {@code sink} in reading order; returns how many records were read. */
    public long read(UUID projectId, Consumer<AnnotationSubmitted> sink) {
        long read = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties())) {
            List<TopicPartition> partitions = consumer.partitionsFor(config.replay().topic()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            consumer.seekToBeginning(partitions);
            while (!reachedEnd(consumer, partitions, end)) {
                for (ConsumerRecord<String, String> record : consumer.poll(config.replay().pollTimeout())) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(partition) || record.value() == null) {
                        continue;
                    }
                    read++;
                    AnnotationSubmitted annotation = annotationOf(record.value(), projectId);
                    if (annotation != null) {
                        sink.accept(annotation);
                    }
                }
            }
        }
        return read;
    }

    /** The project's annotation in the record, or null for other projects, other types and poison records. */
    private static AnnotationSubmitted annotationOf(String value, UUID projectId) {
        try {
            EventEnvelope envelope = EventCodec.read(value);
            boolean annotation = AnnotationSubmitted.SUBMITTED.equals(envelope.type())
                    || AnnotationSubmitted.REVISED.equals(envelope.type());
            if (!annotation || !projectId.equals(envelope.projectId())) {
                return null;
            }
            AnnotationSubmitted submitted = EventCodec.payload(envelope, AnnotationSubmitted.class);
            AnnotationIntake.validate(submitted);
            return projectId.equals(submitted.projectId()) ? submitted : null;
        } catch (RuntimeException poison) {
            // the live consumer dead-lettered it; the rebuild skips it the same way
            return null;
        }
    }

    private static boolean reachedEnd(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions,
                                      Map<TopicPartition, Long> end) {
        return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
    }

    private Properties consumerProperties() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "quality-service-replay-" + UUID.randomUUID());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        // the log up to its end offsets is all there: fetch more of a partition per round trip, and never wait at
        // the broker for records to come
        properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 * 1024 * 1024));
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "0");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return properties;
    }
}
