package io.labelstream.contracts;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes an instant exactly as {@link DateTimeFormatter#ISO_INSTANT} does (UTC, the fraction in groups of three
 * digits, as many as it needs), several times faster. Every event carries one or two instants, and a bulk
 * import writes a million events: the general formatter's field resolution was a twentieth of the import.
 */
public final class IsoInstant {

    // 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: four-digit years, which need no sign
    private static final long FIRST_FAST_SECOND = -62_135_596_800L;
    private static final long LAST_FAST_SECOND = 253_402_300_799L;

    private IsoInstant() {
    }

    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_FAST_SECOND || seconds > LAST_FAST_SECOND) {
            return DateTimeFormatter.ISO_INSTANT.format(instant);
        }
        int nanos = instant.getNano();
        LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
        char[] out = new char[30];
        digits(out, 0, time.getYear(), 4);
        out[4] = '-';
        digits(out, 5, time.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, time.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, time.getHour(), 2);
        out[13] = ':';
        digits(out, 14, time.getMinute(), 2);
        out[16] = ':';
        digits(out, 17, time.getSecond(), 2);
        int length = 19;
        if (nanos != 0) {
            out[length++] = '.';
            if (nanos % 1_000_000 == 0) {
                digits(out, length, nanos / 1_000_000, 3);
                length += 3;
            } else if (nanos % 1_000 == 0) {
                digits(out, length, nanos / 1_000, 6);
                length += 6;
            } else {
                digits(out, length, nanos, 9);
                length += 9;
            }
        }
        out[length++] = 'Z';
        return new String(out, 0, length);
    }

    /** Writes {@code value} as exactly {@code width} decimal digits, zero-padded. */
    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
