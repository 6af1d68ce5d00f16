package io.labelstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.DecidedBy;
import io.labelstream.contracts.events.GoldLabel;
import io.labelstream.contracts.events.ModelPrediction;
import io.labelstream.devstack.DatasetsFolder;
import io.labelstream.devstack.DevTokens;
import io.labelstream.devstack.demo.LabelledText;
import io.labelstream.devstack.demo.StackClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * How long learning-service takes, through the running stack, from the gold label that triggers a training to
 * the last of the new model's predictions for a large pool on the predictions topic: train, store the version,
 * score every unlabelled item and publish each prediction through the outbox. The broker, PostgreSQL,
 * ingestion and learning run as in the local stack; the pool (SMS messages, repeated with a running number so
 * every item is distinct) is ingested by REST; the bench then publishes the seed items' gold labels on
 * {@code labeling.gold} itself, as adjudication would, so the learner is measured alone.
 * <pre>./mvnw -pl bench exec:java -Dexec.mainClass=io.labelstream.bench.LearnerScoringBench -Dexec.args="100000"</pre>
 * Argument: the unlabelled items (100,000). The project's first model is trained on 20 seed labels.
 */
public final class LearnerScoringBench {

    private static final int SEED_ITEMS = 20;
    private static final int INGEST_BATCH = 1000;
    private static final Duration WAIT = Duration.ofMinutes(10);

    private LearnerScoringBench() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args.length > 0 ? Integer.parseInt(args[0]) : 100_000);
        } catch (Exception | Error e) {
            System.out.println("scoring.failed=" + e);
            e.printStackTrace(System.out);
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(int poolSize) throws Exception {
        List<LabelledText> messages = LabelledText.readTabSeparated(Path.of(System.getProperty("labelstream.root", "."))
                .resolve(DatasetsFolder.BUNDLED_SMS_COLLECTION));
        System.out.printf("scoring.cores=%d%nscoring.settings=pool=%d seed_labels=%d%n",
                Runtime.getRuntime().availableProcessors(), poolSize, SEED_ITEMS);
        try (BenchStack.Started started = BenchStack.start("512m", List.of("ingestion-service", "learning-service"));
             ConsumerProgress progress = new ConsumerProgress(started.stack().bootstrapServers())) {
            String bootstrap = started.stack().bootstrapServers();
            StackClient client = new StackClient(Map.of("ingestion-service", started.url("ingestion-service"),
                    "learning-service", started.url("learning-service")));
            String manager = DevTokens.mint("scoring-manager", "manager");
            UUID projectId = createProject(client, manager);

            List<LabelledText> seeds = seedLabels(messages);
            List<UUID> seedIds = ingest(client, manager, projectId, seeds.stream().map(LabelledText::text).toList(), "seed");
            List<String> poolTexts = new ArrayList<>(poolSize);
            for (int i = 0; i < poolSize; i++) {
                poolTexts.add(messages.get(i % messages.size()).text() + " #" + i);
            }
            Instant ingestStarted = Instant.now();
            ingest(client, manager, projectId, poolTexts, "pool");
            progress.awaitConsumed("learning-service", Topics.ITEMS);
            System.out.printf("scoring.ingested_items=%d seconds=%.1f%n", poolSize + SEED_ITEMS,
                    Duration.between(ingestStarted, Instant.now()).toMillis() / 1000.0);

            Map<TopicPartition, Long> before = progress.endOffsets(Topics.PREDICTIONS);
            Instant lastGold = publishGold(bootstrap, projectId, seedIds, seeds);
            Result result = awaitPredictions(bootstrap, projectId, before, poolSize);
            JsonNode model = client.get("learning-service", "/projects/" + projectId + "/models", manager).get(0);
            Instant trainedAt = Instant.parse(model.get("trainedAt").asText());
            double total = Duration.between(lastGold, result.last()).toMillis() / 1000.0;
            System.out.printf("scoring.model=%s training_labels=%d%n", model.get("modelId").asText(),
                    model.get("trainingLabels").asInt());
            System.out.printf("scoring.gold_to_model_stored_seconds=%.2f%n",
                    Duration.between(lastGold, trainedAt).toMillis() / 1000.0);
            System.out.printf("scoring.gold_to_first_prediction_seconds=%.2f%n",
                    Duration.between(lastGold, result.first()).toMillis() / 1000.0);
            System.out.printf("scoring.gold_to_last_prediction_seconds=%.2f (predictions=%d, target 60 s for 100,000)%n",
                    total, result.count());
            System.out.printf("scoring.predictions_per_second=%.0f (first to last prediction on the broker)%n",
                    result.count() / Math.max(0.001, Duration.between(result.first(), result.last()).toMillis() / 1000.0));
        }
    }

    private record Result(int count, Instant first, Instant last) {
    }

    private static UUID createProject(StackClient client, String manager) {
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("name", "learner scoring " + UUID.randomUUID().toString().substring(0, 8));
        draft.put("schema", Map.of("taskType", "SINGLE_LABEL",
                "labels", List.of(Map.of("name", "ham"), Map.of("name", "spam"))));
        draft.put("guidelines", Map.of("text", "Spam or not."));
        // one model only: the one the seed labels train
        draft.put("policies", Map.of("learning", Map.of("strategy", "UNCERTAINTY", "seedItems", SEED_ITEMS,
                "retrainEvery", 1_000_000)));
        UUID projectId = client.createProject(manager, draft);
        client.changeState(manager, projectId, "ACTIVE");
        return projectId;
    }

    /** Half spam, half ham: a first model that has seen both labels. */
    private static List<LabelledText> seedLabels(List<LabelledText> messages) {
        List<LabelledText> spam = messages.stream().filter(m -> m.label().equals("spam")).limit(SEED_ITEMS / 2).toList();
        List<LabelledText> ham = messages.stream().filter(m -> m.label().equals("ham")).limit(SEED_ITEMS / 2).toList();
        List<LabelledText> seeds = new ArrayList<>(spam);
        seeds.addAll(ham);
        return seeds.stream().map(m -> new LabelledText(m.label(), "seed: " + m.text())).toList();
    }

    private static List<UUID> ingest(StackClient client, String manager, UUID projectId, List<String> texts, String prefix) {
        List<UUID> ids = new ArrayList<>();
        for (int from = 0; from < texts.size(); from += INGEST_BATCH) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(texts.size(), from + INGEST_BATCH); i++) {
                batch.add(Map.of("externalId", prefix + "-" + i, "data", Map.of("text", texts.get(i))));
            }
            client.ingestBatch(manager, projectId, batch).get("lines")
                    .forEach(line -> ids.add(UUID.fromString(line.get("itemId").asText())));
        }
        return ids;
    }

    /** Publishes the seed items' gold labels; the time the last one was acknowledged by the broker. */
    private static Instant publishGold(String bootstrap, UUID projectId, List<UUID> itemIds, List<LabelledText> seeds)
            throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            for (int i = 0; i < itemIds.size(); i++) {
                GoldLabel gold = new GoldLabel(itemIds.get(i), projectId, "seed-" + i,
                        EventCodec.mapper().createObjectNode().put("choice", seeds.get(i).label()), 1, DecidedBy.REVIEWER,
                        "scoring-reviewer", 1.0, List.of(), 1, 1, Instant.now(), null);
                EventEnvelope envelope = EventCodec.envelope(gold, Clock.systemUTC());
                producer.send(new ProducerRecord<>(Topics.GOLD, gold.key(), EventCodec.write(envelope))).get();
            }
        }
        return Instant.now();
    }

    /** Reads the predictions topic from {@code from} until the project's first model has published {@code count}. */
    private static Result awaitPredictions(String bootstrap, UUID projectId, Map<TopicPartition, Long> from, int count) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        int seen = 0;
        Instant first = null;
        Instant last = null;
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            while (seen < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(seen + " of " + count + " predictions within " + WAIT);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    EventEnvelope envelope = record.value() == null ? null : EventCodec.read(record.value());
                    if (envelope == null || !projectId.equals(envelope.projectId())) {
                        continue;
                    }
                    EventCodec.payload(envelope, ModelPrediction.class);
                    Instant at = Instant.ofEpochMilli(record.timestamp());
                    first = first == null || at.isBefore(first) ? at : first;
                    last = last == null || at.isAfter(last) ? at : last;
                    seen++;
                }
            }
        }
        return new Result(seen, first, last);
    }
}
