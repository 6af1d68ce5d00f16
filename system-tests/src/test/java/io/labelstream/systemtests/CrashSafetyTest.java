package io.labelstream.systemtests;

import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.GoldLabel;
import io.labelstream.devstack.LocalStack;
import io.labelstream.devstack.demo.StackClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every service is killed (kill -9) in turn while annotators keep working, then started again. At the
 * end nothing is lost and no gold label is missing or published twice.
 */
class CrashSafetyTest {

    private static final int ITEMS = 24;
    private static final List<String> ANNOTATORS = List.of("alice", "bob");

    private final Platform platform = new Platform();

    @Test
    void killingEachServiceInTheMiddleOfAFlowLosesAndDuplicatesNothing() throws Exception {
        UUID projectId = platform.activeProject(
                Map.of("taskType", "SINGLE_LABEL", "labels", List.of(Map.of("name", "cat"), Map.of("name", "dog"))),
                Map.of("annotatorsPerItem", 2, "maxAnnotatorsPerItem", 2, "goldRate", 0.0, "spotCheckRate", 0.0,
                        "autoAcceptConfidence", 0.5, "targetAgreement", 0.5, "aggregation", "MAJORITY",
                        "leaseSeconds", 15),
                ANNOTATORS);
        List<UUID> items = platform.ingest(projectId, IntStream.range(0, ITEMS)
                .mapToObj(i -> Map.<String, Object>of("externalId", "crash-" + i, "data", Map.of("text", "pet " + i)))
                .toList());

        AtomicInteger submitted = new AtomicInteger();
        List<CompletableFuture<Void>> annotators = ANNOTATORS.stream()
                .map(annotator -> CompletableFuture.runAsync(() -> labelEverything(annotator, projectId, submitted)))
                .toList();

        LocalStack stack = RunningStack.get();
        for (String service : LocalStack.SERVICES.keySet()) {
            int before = submitted.get();
            await().atMost(Duration.ofMinutes(2)).until(() -> submitted.get() >= Math.min(before + 2, 2 * ITEMS)
                    || annotators.stream().allMatch(CompletableFuture::isDone));
            stack.kill(service);
            stack.restart(service);
        }
        CompletableFuture.allOf(annotators.toArray(CompletableFuture[]::new)).join();

        Map<UUID, GoldLabel> gold = await().atMost(Duration.ofMinutes(3))
                .until(() -> platform.gold(projectId), g -> g.size() == ITEMS);
        assertThat(gold.keySet()).containsExactlyInAnyOrderElementsOf(items);
        assertThat(gold.values()).allSatisfy(label -> {
            assertThat(label.version()).isEqualTo(1);
            assertThat(label.annotationIds()).hasSize(2);
        });
        assertThat(distinctGoldEventsPerItem(projectId)).allSatisfy((item, events) ->
                assertThat(events).as("gold events of item %s", item).hasSize(1));
    }

    /** One annotator works until every item has their label, riding out the crashes. */
    private void labelEverything(String annotator, UUID projectId, AtomicInteger submitted) {
        Set<UUID> done = new HashSet<>();
        await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofMillis(100)).until(() -> {
            try {
                StackClient.NextTask next = platform.next(annotator, projectId);
                if (next.lease().isEmpty()) {
                    return done.size() == ITEMS;
                }
                StackClient.Lease lease = next.lease().get();
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                        .untilAsserted(() -> platform.submit(annotator, lease, Map.of("choice", "cat")));
                done.add(lease.itemId());
                submitted.incrementAndGet();
                return done.size() == ITEMS;
            } catch (RuntimeException serviceDown) {
                return false;
            }
        });
    }

    /** item → the distinct event ids of its records on the gold topic. */
    private static Map<String, Set<UUID>> distinctGoldEventsPerItem(UUID projectId) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RunningStack.get().bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "crash-check-" + UUID.randomUUID());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<String, Set<UUID>> events = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.GOLD).stream()
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
                        events.computeIfAbsent(record.key(), k -> new HashSet<>()).add(envelope.eventId());
                    }
                }
            }
        }
        return events;
    }
}
