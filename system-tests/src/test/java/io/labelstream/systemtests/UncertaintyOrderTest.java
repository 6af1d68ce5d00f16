package io.labelstream.systemtests;

import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.ModelPrediction;
import io.labelstream.devstack.demo.StackClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An active-learning project: once the first model has scored the pool, assignment serves the pool from
 * the least confident prediction to the most confident one.
 */
class UncertaintyOrderTest {

    private static final List<String> SEED = List.of(
            "WIN a free cash prize now, call 0800 to claim", "URGENT you have won a prize, text CLAIM now",
            "FREE entry, win cash, txt WIN to 80082", "Claim your free prize, call now to win cash",
            "see you at lunch tomorrow", "ok I will call you when I get home",
            "are we still meeting at the cinema tonight", "thanks for dinner, see you soon");
    private static final List<String> POOL = List.of(
            "WIN WIN free cash prize claim now call", "free prize for you", "call me tomorrow about the prize",
            "see you at the cinema", "win", "lunch at home tonight, thanks", "text me when you get home",
            "claim your seat at dinner", "URGENT call now", "ok see you soon");

    private static final int PROBES = 60;
    private static final double TIE = 1e-3;
    private static final String ASSIGNMENT_GROUP = "assignment-service";

    private final Platform platform = new Platform();

    @Test
    void thePoolIsServedLeastConfidentFirst() {
        UUID projectId = platform.activeProject(
                Map.of("taskType", "SINGLE_LABEL", "labels", List.of(Map.of("name", "ham"), Map.of("name", "spam"))),
                Map.of("annotatorsPerItem", 1, "maxAnnotatorsPerItem", 1, "goldRate", 0.0, "spotCheckRate", 0.0,
                        "autoAcceptConfidence", 0.5, "targetAgreement", 0.5, "aggregation", "MAJORITY",
                        // one model only: the seed's; the pool's labels must not retrain and reorder it
                        "learning", Map.of("strategy", "UNCERTAINTY", "seedItems", SEED.size(), "retrainEvery", 1000)),
                annotators());
        List<UUID> seed = platform.ingest(projectId, items("seed", SEED));
        // a later ingestion: the seed, older, is served first while no prediction exists
        List<UUID> pool = platform.ingest(projectId, items("pool", POOL));

        for (int i = 0; i < SEED.size(); i++) {
            StackClient.Lease lease = nextLease("alice", projectId);
            assertThat(seed).contains(lease.itemId());
            platform.submit("alice", lease, Map.of("choice", SEED.indexOf(lease.data().path("text").asText()) < 4
                    ? "spam" : "ham"));
        }

        Map<UUID, ModelPrediction> predictions = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> latestPredictions(projectId), p -> p.keySet().containsAll(pool));
        List<UUID> leastConfidentFirst = new ArrayList<>(pool);
        leastConfidentFirst.sort(Comparator.comparingDouble(item -> confidence(predictions.get(item))));

        // assignment has processed every prediction once its committed offsets reach the topic's end
        Map<TopicPartition, Long> published = endOffsets();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> consumed(ASSIGNMENT_GROUP, published));
        // and then a probe (never served an item it has
        // skipped, so a fresh one each time) looks until assignment's first choice follows them
        AtomicInteger probes = new AtomicInteger();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            String probe = "probe-" + probes.getAndIncrement();
            StackClient.Lease lease = nextLease(probe, projectId);
            platform.client.release(platform.token(probe, "annotator"), lease, "probing the order");
            return lease.itemId().equals(leastConfidentFirst.get(0));
        });
        List<UUID> served = new ArrayList<>();
        for (int i = 0; i < POOL.size(); i++) {
            StackClient.Lease lease = nextLease("alice", projectId);
            served.add(lease.itemId());
            platform.submit("alice", lease, Map.of("choice", "ham"));
        }
        List<Double> confidences = served.stream().map(item -> confidence(predictions.get(item))).toList();
        assertThat(served).containsExactlyInAnyOrderElementsOf(pool);
        for (int i = 1; i < served.size(); i++) {
            // a near tie may go either way: assignment ranks by uncertainty and then by the time of ingestion
            assertThat(confidences.get(i)).as("confidence of the item served %d-th, in %s", i + 1, confidences)
                    .isGreaterThanOrEqualTo(confidences.get(i - 1) - TIE);
        }
    }

    private StackClient.Lease nextLease(String annotator, UUID projectId) {
        return await().atMost(Duration.ofSeconds(60))
                .until(() -> platform.next(annotator, projectId), n -> n.lease().isPresent()).lease().get();
    }

    private static List<String> annotators() {
        List<String> annotators = new ArrayList<>(List.of("alice"));
        for (int i = 0; i < PROBES; i++) {
            annotators.add("probe-" + i);
        }
        return annotators;
    }

    private static List<Map<String, Object>> items(String prefix, List<String> texts) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            items.add(Map.of("externalId", prefix + "-" + i, "data", Map.of("text", texts.get(i))));
        }
        return items;
    }

    private static double confidence(ModelPrediction prediction) {
        return Collections.max(prediction.distribution().values());
    }

    private static Properties consumerProperties() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RunningStack.get().bootstrapServers());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return properties;
    }

    private static Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PREDICTIONS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return consumer.endOffsets(partitions);
        }
    }

    private static boolean consumed(String group, Map<TopicPartition, Long> endOffsets) throws Exception {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RunningStack.get().bootstrapServers());
        try (Admin admin = Admin.create(properties)) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            return endOffsets.entrySet().stream().allMatch(end -> end.getValue() == 0
                    || committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue());
        }
    }

    /** The latest prediction per item of the project on the predictions topic. */
    private static Map<UUID, ModelPrediction> latestPredictions(UUID projectId) {
        Map<UUID, ModelPrediction> latest = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PREDICTIONS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        continue;
                    }
                    EventEnvelope envelope = EventCodec.read(record.value());
                    if (projectId.equals(envelope.projectId())) {
                        ModelPrediction prediction = EventCodec.payload(envelope, ModelPrediction.class);
                        latest.put(prediction.itemId(), prediction);
                    }
                }
            }
        }
        return latest;
    }
}
