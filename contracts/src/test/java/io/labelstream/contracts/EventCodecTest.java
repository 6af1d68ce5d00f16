package io.labelstream.contracts;

import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.events.ItemKind;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {

    @Test
    void anEncodedEventIsTheEnvelopeOfThePayloadByteForByte() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:15:30.123456Z"), ZoneOffset.UTC);
        ItemIngested item = new ItemIngested(UUID.randomUUID(), UUID.randomUUID(), null, ItemKind.GOLD, false, true,
                EventCodec.mapper().readTree("{\"text\":\"caf\u00e9 \\\"quoted\\\"\",\"tokens\":[1,2.5,null]}"),
                null, "sha256:ab", 3, clock.instant(), 2, List.of("ann-1"));

        EncodedEvent encoded = EventCodec.encode(item, clock);

        EventEnvelope viaTree = new EventEnvelope(encoded.eventId(), "ItemIngested", 1, clock.instant(),
                item.projectId(), item.itemId().toString(), EventCodec.mapper().valueToTree(item));
        assertThat(encoded.json()).isEqualTo(EventCodec.write(viaTree));
        assertThat(encoded.json()).contains("\"occurredAt\":\"2026-03-01T10:15:30.123456Z\"");
        assertThat(encoded.key()).isEqualTo(item.itemId().toString());
        assertThat(EventCodec.payload(EventCodec.read(encoded.json()), ItemIngested.class)).isEqualTo(item);
    }

    @Test
    void aRecordThatIsNotJsonIsMalformed() {
        assertThatThrownBy(() -> EventCodec.read("{not json"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("not an event envelope");
    }

    @Test
    void anEnvelopeWithoutEventIdIsMalformed() {
        assertThatThrownBy(() -> EventCodec.read("{\"type\":\"ItemIngested\",\"payload\":{}}"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("eventId");
    }
}
