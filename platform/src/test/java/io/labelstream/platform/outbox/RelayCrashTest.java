package io.labelstream.platform.outbox;

import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EncodedEvent;
import io.labelstream.platform.Ledger;
import io.labelstream.platform.PlatformTestResource;
import io.labelstream.platform.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay dies after the broker acknowledged a batch and before it marked the rows sent: on restart
 * the rows go out again with the same event ids, and the consumer's inbox applies each event once.
 */
@QuarkusTest
@TestProfile(RelayCrashTest.ManualRelay.class)
class RelayCrashTest extends PlatformTestResource {

    public static class ManualRelay implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("labelstream.outbox.relay-enabled", "false");
        }
    }

    @Inject
    Ledger ledger;

    @Inject
    OutboxRelay relay;

    @Test
    void anEventSentTwiceIsAppliedOnce() {
        EncodedEvent written = ledger.record(new Ledger.Entry(UUID.randomUUID(), "crash between send and delete"));

        assertThat(relay.sendWithoutDeleting()).isGreaterThanOrEqualTo(1);
        assertThat(relay.relayOnce()).isGreaterThanOrEqualTo(1);
        assertThat(relay.relayOnce()).isZero();

        List<ConsumerRecord<String, String>> delivered = TopicReader.readAll(Ledger.TOPIC, Duration.ofMillis(300))
                .stream()
                .filter(r -> EventCodec.read(r.value()).eventId().equals(written.eventId()))
                .toList();
        assertThat(delivered).hasSize(2);

        List<Boolean> applied = delivered.stream().map(r -> ledger.apply(r.value())).toList();

        assertThat(applied).containsExactly(true, false);
        assertThat(ledger.count("select count(*) from ledger_applied where event_id = ?", written.eventId()))
                .isEqualTo(1);
    }
}
