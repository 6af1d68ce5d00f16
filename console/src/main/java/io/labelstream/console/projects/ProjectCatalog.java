package io.labelstream.console.projects;

import io.labelstream.console.ConsoleConfig;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.events.ProjectEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The projects as {@code labeling.projects} (compacted) last described them, held in memory only: each
 * console instance reads the whole topic from its beginning at start, without a consumer group, so it
 * keeps nothing and commits nothing. The services offer annotators no list of their projects nor their
 * guidelines' text; the console shows both from here, to members only.
 */
@ApplicationScoped
public class ProjectCatalog {

    private static final Logger LOG = Logger.getLogger(ProjectCatalog.class);

    private final Map<UUID, ProjectEvent> projects = new ConcurrentHashMap<>();
    private final ConsoleConfig config;
    private final String bootstrapServers;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean running;

    public ProjectCatalog(ConsoleConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent started) {
        running = true;
        Thread reader = new Thread(this::read, "project-catalog");
        reader.setDaemon(true);
        reader.start();
    }

    void stop(@Observes ShutdownEvent stopping) {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    public Collection<ProjectEvent> all() {
        return projects.values();
    }

    /** Applies one project event; an older revision than the one held is ignored. */
    void apply(ProjectEvent event) {
        projects.merge(event.projectId(), event, (held, arriving) -> arriving.revision() >= held.revision() ? arriving : held);
    }

    private void read() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "console-project-catalog");
        while (running) {
            try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
                consumer = reader;
                List<TopicPartition> partitions = reader.partitionsFor(config.projectsTopic(), Duration.ofSeconds(30)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                reader.assign(partitions);
                reader.seekToBeginning(partitions);
                while (running) {
                    for (ConsumerRecord<String, String> record : reader.poll(Duration.ofSeconds(1))) {
                        applyRecord(record);
                    }
                }
            } catch (WakeupException stopped) {
                return;
            } catch (RuntimeException e) {
                // the broker may not be up yet, or the topic not created: read again from the start
                LOG.warnf("reading %s failed, reading again: %s", config.projectsTopic(), e.getMessage());
                projects.clear();
            }
        }
    }

    private void applyRecord(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            projects.remove(UUID.fromString(record.key()));
            return;
        }
        try {
            EventEnvelope envelope = EventCodec.read(record.value());
            apply(EventCodec.mapper().treeToValue(envelope.payload(), ProjectEvent.class));
        } catch (Exception e) {
            LOG.warnf("skipped an unreadable record of %s at offset %d: %s", record.topic(), record.offset(), e.getMessage());
        }
    }
}
