package io.labelstream.bench;

import io.labelstream.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * Whether a service has applied every event published so far on a topic: its consumer group's committed
 * offsets have reached the topic's end (a service commits only what it has processed).
 */
final class ConsumerProgress implements AutoCloseable {

    private static final Duration WAIT = Duration.ofMinutes(5);

    private final Admin admin;

    ConsumerProgress(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(properties);
    }

    /** Waits until {@code group} (a service's consumer group) has consumed every prediction published so far. */
    void awaitConsumedBy(String group) {
        awaitConsumed(group, Topics.PREDICTIONS);
    }

    /** Waits until {@code group} has consumed every event published on {@code topic} so far. */
    void awaitConsumed(String group, String topic) {
        try {
            Map<TopicPartition, Long> end = endOffsets(topic);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!consumed(group, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(group + " did not consume " + topic + " within " + WAIT);
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("offsets could not be read", e);
        }
    }

    /** The end offset of each partition of {@code topic}. */
    Map<TopicPartition, Long> endOffsets(String topic) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic))
                .allTopicNames().get().get(topic).partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private boolean consumed(String group, Map<TopicPartition, Long> end) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        return end.entrySet().stream().allMatch(e -> e.getValue() == 0
                || committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue());
    }

    @Override
    public void close() {
        admin.close();
    }
}
