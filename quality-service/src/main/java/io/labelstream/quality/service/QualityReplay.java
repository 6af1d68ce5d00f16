package io.labelstream.quality.service;

import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.MalformedEventException;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.AnnotatorStatus;
import io.labelstream.contracts.events.ItemAssessed;
import io.labelstream.platform.outbox.Outbox;
import io.labelstream.quality.config.QualityConfig;
import io.labelstream.quality.repository.AnnotatorRow;
import io.labelstream.quality.repository.ItemRow;
import io.labelstream.quality.repository.LabelRow;
import io.labelstream.quality.repository.QualityAnnotatorRepository;
import io.labelstream.quality.repository.QualityItemRepository;
import io.labelstream.quality.repository.QualityLabelRepository;
import io.labelstream.quality.repository.ReplayRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Rebuilds a project's quality state from the annotation log: a fresh consumer with its own group reads
 * every partition from the beginning up to the end offsets found at the start and applies the project's
 * annotations exactly as the live path does, in one transaction holding the project exclusively (live
 * events of the project wait and apply on top). Afterwards it publishes the items whose decision or
 * consensus changed, and every annotator's standing.
 */
@ApplicationScoped
public class QualityReplay {

    public static final String RUNNING = "RUNNING";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";

    private static final Logger LOG = Logger.getLogger(QualityReplay.class);

    private final AnnotationProcessor processor;
    private final ProjectLock projectLock;
    private final QualityItemRepository items;
    private final QualityLabelRepository labels;
    private final QualityAnnotatorRepository annotators;
    private final ReplayRepository replays;
    private final Outbox outbox;
    private final QualityConfig config;
    private final String bootstrapServers;
    // one rebuild at a time per replica: each holds a long transaction and a database connection
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "quality-replay"));

    public QualityReplay(AnnotationProcessor processor, ProjectLock projectLock, QualityItemRepository items,
                         QualityLabelRepository labels, QualityAnnotatorRepository annotators, ReplayRepository replays,
                         Outbox outbox, QualityConfig config,
                         @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.processor = processor;
        this.projectLock = projectLock;
        this.items = items;
        this.labels = labels;
        this.annotators = annotators;
        this.replays = replays;
        this.outbox = outbox;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
    }

    /** Records the request and starts the rebuild in the background. */
    public ReplayRepository.ReplayRow request(UUID projectId, String requestedBy) {
        ReplayRepository.ReplayRow row = new ReplayRepository.ReplayRow(UUID.randomUUID(), projectId, requestedBy,
                RUNNING, Instant.now(), null, 0, 0, null);
        QuarkusTransaction.requiringNew().run(() -> replays.insert(row));
        worker.submit(() -> run(row));
        return row;
    }

    public java.util.Optional<ReplayRepository.ReplayRow> find(UUID projectId, UUID replayId) {
        return QuarkusTransaction.requiringNew().call(() -> replays.find(projectId, replayId));
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    private void run(ReplayRepository.ReplayRow row) {
        try {
            long[] counts = QuarkusTransaction.requiringNew()
                    .timeout((int) config.replay().timeout().toSeconds())
                    .call(() -> rebuild(row.projectId()));
            QuarkusTransaction.requiringNew().run(() -> replays.finish(row.replayId(), COMPLETED, counts[0], counts[1], null));
        } catch (RuntimeException e) {
            LOG.errorf(e, "rebuild %s of project %s failed", row.replayId(), row.projectId());
            QuarkusTransaction.requiringNew().run(() -> replays.finish(row.replayId(), FAILED, 0, 0,
                    String.valueOf(e.getMessage())));
        }
    }

    /** Returns {records read, annotations applied}. */
    private long[] rebuild(UUID projectId) {
        projectLock.exclusive(projectId);
        labels.deleteProject(projectId);
        annotators.deleteProject(projectId);
        items.resetAssessments(projectId);
        long read = 0;
        long applied = 0;
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
                    if (annotation != null && applyLikeLive(annotation)) {
                        applied++;
                    }
                }
            }
        }
        publishChanges(projectId);
        return new long[]{read, applied};
    }

    /** Applies as the live path did; a label the live path dead-lettered is skipped (nothing was written yet). */
    private boolean applyLikeLive(AnnotationSubmitted annotation) {
        try {
            processor.followUpInline(processor.apply(annotation), false);
            return true;
        } catch (MalformedEventException poison) {
            return false;
        }
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
            AnnotationProcessor.validate(submitted);
            return projectId.equals(submitted.projectId()) ? submitted : null;
        } catch (RuntimeException poison) {
            // the live consumer dead-lettered it; the rebuild skips it the same way
            return null;
        }
    }

    private void publishChanges(UUID projectId) {
        for (UUID itemId : items.changedSincePublished(projectId)) {
            ItemRow item = items.find(projectId, itemId).orElseThrow();
            List<UUID> counted = labels.ofItem(itemId).stream()
                    .filter(l -> l.annotatorStatus() != AnnotatorStatus.QUARANTINED)
                    .map(LabelRow::annotationId)
                    .toList();
            outbox.publish(Topics.ITEM_QUALITY, new ItemAssessed(itemId, projectId, item.decision(), item.consensusLabel(),
                    item.confidence() == null ? 0.0 : item.confidence(), item.agreement(), item.method(),
                    item.labelCount(), counted, processor.schemaVersion(projectId), item.assessedAt()));
            items.markPublished(itemId);
        }
        for (AnnotatorRow row : annotators.ofProject(projectId)) {
            outbox.publish(Topics.ANNOTATOR_QUALITY, AnnotationProcessor.toEvent(row));
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
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return properties;
    }
}
