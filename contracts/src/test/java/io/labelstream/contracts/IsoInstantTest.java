package io.labelstream.contracts;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class IsoInstantTest {

    @Test
    void writesWhatTheIsoInstantFormatterWrites() {
        List<Instant> edges = List.of(Instant.EPOCH, Instant.parse("2026-03-01T10:15:30Z"),
                Instant.parse("2026-03-01T10:15:30.100Z"), Instant.parse("2026-03-01T10:15:30.000100Z"),
                Instant.parse("2026-03-01T10:15:30.000000001Z"), Instant.parse("1969-12-31T23:59:59.999999999Z"),
                Instant.parse("2024-02-29T00:00:00.5Z"), Instant.parse("0001-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-06-15T12:00:00Z"), Instant.MIN, Instant.MAX);
        for (Instant instant : edges) {
            assertThat(IsoInstant.format(instant)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant));
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            long seconds = random.nextLong(-80_000_000_000L, 300_000_000_000L);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertThat(IsoInstant.format(instant)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant));
        }
    }
}
