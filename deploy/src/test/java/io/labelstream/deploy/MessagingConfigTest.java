package io.labelstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parser of the services' application.properties, on sample files. */
class MessagingConfigTest {

    @TempDir
    Path repository;

    @Test
    void readsIncomingAndOutgoingKafkaChannelsOfTheProdProfile() throws IOException {
        write("quality-service", """
                quarkus.http.port=8084
                kafka.bootstrap.servers=localhost:9092
                mp.messaging.incoming.items-in.connector=smallrye-kafka
                mp.messaging.incoming.items-in.topic=labeling.items
                mp.messaging.incoming.items-in.group.id=quality-service
                mp.messaging.incoming.items-in.failure-strategy=dead-letter-queue
                mp.messaging.incoming.items-in.dead-letter-queue.topic=labeling.items.dlq
                # topic defaults to the channel name
                mp.messaging.incoming.labeling.annotations.group.id=${app.group:quality-service}
                mp.messaging.incoming.labeling.annotations.dead-letter-queue.topic=labeling.annotations.dlq
                mp.messaging.outgoing.quality-out.topic=labeling.item-quality
                %test.mp.messaging.incoming.items-in.connector=smallrye-in-memory
                %dev.mp.messaging.incoming.items-in.group.id=dev-group
                %prod.mp.messaging.outgoing.quality-out.topic=labeling.item-quality
                mp.messaging.incoming.memory.connector=smallrye-in-memory
                """);
        write("empty-service", "quarkus.http.port=8089\n");
        Files.createDirectories(repository.resolve("not-a-module"));

        List<MessagingConfig> configs = MessagingConfig.scan(repository);

        assertThat(configs).extracting(MessagingConfig::service).containsExactly("empty-service", "quality-service");
        MessagingConfig quality = configs.get(1);
        assertThat(quality.incoming()).containsExactlyInAnyOrder(
                new MessagingConfig.Channel(true, "items-in", "labeling.items", "quality-service", "labeling.items.dlq"),
                new MessagingConfig.Channel(true, "labeling.annotations", "labeling.annotations", "quality-service",
                        "labeling.annotations.dlq"));
        assertThat(quality.channels()).contains(
                new MessagingConfig.Channel(false, "quality-out", "labeling.item-quality", null, null));
        assertThat(configs.get(0).channels()).isEmpty();
    }

    @Test
    void prodProfileOverridesUnprefixedKeys() throws IOException {
        write("ingestion-service", """
                mp.messaging.incoming.raw.topic=labeling.raw-items
                mp.messaging.incoming.raw.group.id=wrong
                %prod,staging.mp.messaging.incoming.raw.group.id=ingestion-service
                """);
        MessagingConfig config = MessagingConfig.scan(repository).get(0);
        assertThat(config.incoming()).singleElement()
                .extracting(MessagingConfig.Channel::groupId).isEqualTo("ingestion-service");
    }

    @Test
    void findsNothingWithoutServices() throws IOException {
        assertThat(MessagingConfig.scan(repository)).isEmpty();
        assertThat(MessagingConfig.scan(repository.resolve("missing"))).isEmpty();
    }

    private void write(String service, String properties) throws IOException {
        Path file = repository.resolve(service).resolve(MessagingConfig.PROPERTIES);
        Files.createDirectories(file.getParent());
        Files.writeString(file, properties);
    }
}
