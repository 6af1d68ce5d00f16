package io.labelstream.contracts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {

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
