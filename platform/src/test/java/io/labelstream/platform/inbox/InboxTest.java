package io.labelstream.platform.inbox;

import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.platform.Ledger;
import io.labelstream.platform.PlatformTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class InboxTest extends PlatformTestResource {

    @Inject
    Ledger ledger;

    @Test
    void theSameEventDeliveredTwiceAppliesOnce() {
        String event = EventCodec.write(EventCodec.envelope(new Ledger.Entry(UUID.randomUUID(), "twice"),
                Clock.systemUTC()));

        assertThat(ledger.apply(event)).isTrue();
        assertThat(ledger.apply(event)).isFalse();

        UUID eventId = EventCodec.read(event).eventId();
        assertThat(ledger.count("select count(*) from ledger_applied where event_id = ?", eventId)).isEqualTo(1);
    }

    @Test
    void concurrentDeliveriesOfOneEventApplyOnce() {
        EventEnvelope envelope = EventCodec.envelope(new Ledger.Entry(UUID.randomUUID(), "racing"), Clock.systemUTC());
        String event = EventCodec.write(envelope);

        long applied = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> ledger.apply(event)))
                .map(CompletableFuture::join)
                .filter(Boolean::booleanValue)
                .count();

        assertThat(applied).isEqualTo(1);
        assertThat(ledger.count("select count(*) from ledger_applied where event_id = ?", envelope.eventId()))
                .isEqualTo(1);
    }

    @Test
    void aBatchOfDeliveriesCountsEachNewEventOnceAndNoRedelivery() {
        String consumer = "batch-consumer-" + UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();

        assertThat(ledger.applyAll(consumer, List.of(first, second, first))).containsExactlyInAnyOrder(first, second);
        assertThat(ledger.applyAll(consumer, List.of(second, third))).containsExactly(third);
        assertThat(ledger.applyAll(consumer, List.of())).isEmpty();
        assertThat(ledger.count("select count(*) from inbox_event where consumer = ?", consumer)).isEqualTo(3);
    }
}
