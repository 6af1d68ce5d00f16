package io.labelstream.platform.outbox;

import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EncodedEvent;
import io.labelstream.platform.Ledger;
import io.labelstream.platform.PlatformTestResource;
import io.labelstream.platform.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class OutboxTest extends PlatformTestResource {

    @Inject
    Ledger ledger;

    @Inject
    OutboxRelay relay;

    @Test
    void aCommittedChangeIsPublishedOnceKeyedByItsAggregate() {
        Ledger.Entry entry = new Ledger.Entry(UUID.randomUUID(), "committed");

        EncodedEvent written = ledger.record(entry);

        await().atMost(Duration.ofSeconds(20)).until(() ->
                ledger.count("select count(*) from outbox_event where event_id = ?", written.eventId()) == 0);
        List<ConsumerRecord<String, String>> published = recordsOf(written.eventId());
        assertThat(published).hasSize(1);
        assertThat(published.get(0).key()).isEqualTo(entry.id().toString());
        assertThat(EventCodec.payload(EventCodec.read(published.get(0).value()), Ledger.Entry.class)).isEqualTo(entry);
    }

    @Test
    void aRolledBackChangePublishesNothing() {
        Ledger.Entry entry = new Ledger.Entry(UUID.randomUUID(), "rolled back");

        assertThatThrownBy(() -> ledger.recordThenFail(entry)).isInstanceOf(IllegalStateException.class);

        Ledger.Entry later = new Ledger.Entry(UUID.randomUUID(), "later");
        EncodedEvent laterEvent = ledger.record(later);
        await().atMost(Duration.ofSeconds(20)).until(() -> !recordsOf(laterEvent.eventId()).isEmpty());
        assertThat(ledger.count("select count(*) from ledger_entry where id = ?", entry.id())).isZero();
        assertThat(TopicReader.readAll(Ledger.TOPIC, Duration.ofMillis(300)))
                .noneMatch(r -> r.key().equals(entry.id().toString()));
    }

    @Test
    void theBacklogMetricFallsToZeroOnceEverythingIsPublished() {
        for (int i = 0; i < 20; i++) {
            ledger.record(new Ledger.Entry(UUID.randomUUID(), "bulk " + i));
        }

        await().atMost(Duration.ofSeconds(20)).until(() ->
                ledger.count("select count(*) from outbox_event where topic = ?", Ledger.TOPIC) == 0
                        && relay.backlog() == 0);
    }

    @Test
    void aBundleIsPublishedAsOneRecordPerEventInItsOrderWithTheirKeys() {
        // more events than the relay takes in one round, the first pretty-printed over several lines
        List<Ledger.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            entries.add(new Ledger.Entry(UUID.randomUUID(), i == 1 ? "a note\nof two lines" : "bundled " + i));
        }

        UUID bundle = ledger.recordBundle(entries);

        await().atMost(Duration.ofSeconds(30)).until(() ->
                ledger.count("select count(*) from outbox_event where event_id = ?", bundle) == 0);
        Set<String> keys = entries.stream().map(Ledger.Entry::key).collect(Collectors.toSet());
        List<ConsumerRecord<String, String>> published = TopicReader.readAll(Ledger.TOPIC, Duration.ofMillis(300))
                .stream().filter(r -> keys.contains(r.key())).toList();
        assertThat(published).hasSize(entries.size());
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            position.put(entries.get(i).key(), i);
        }
        Map<Integer, Integer> lastInPartition = new HashMap<>();
        for (ConsumerRecord<String, String> record : published) {
            int at = position.get(record.key());
            assertThat(EventCodec.payload(EventCodec.read(record.value()), Ledger.Entry.class)).isEqualTo(entries.get(at));
            // the bundle's order holds within each partition, the order consumers see
            assertThat(at).isGreaterThan(lastInPartition.getOrDefault(record.partition(), -1));
            lastInPartition.put(record.partition(), at);
        }
    }

    private static List<ConsumerRecord<String, String>> recordsOf(UUID eventId) {
        return TopicReader.readAll(Ledger.TOPIC, Duration.ofMillis(300)).stream()
                .filter(r -> r.value() != null && EventCodec.read(r.value()).eventId().equals(eventId))
                .toList();
    }
}
