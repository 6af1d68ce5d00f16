package io.labelstream.ingestion.domain;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class NdjsonLinesTest {

    @Test
    void numbersLinesTracksOffsetsAndCutsOversizedLines() throws IOException {
        byte[] file = "{\"a\":1}\r\n\n".concat("x".repeat(50)).concat("\n{\"é\":2}").getBytes(StandardCharsets.UTF_8);
        NdjsonLines lines = new NdjsonLines(new ByteArrayInputStream(file), 20, 0, 0);

        NdjsonLines.Line first = lines.next();
        assertThat(first.number()).isEqualTo(1);
        assertThat(first.text()).isEqualTo("{\"a\":1}");
        assertThat(first.endOffset()).isEqualTo(9);
        assertThat(lines.next().text()).isEmpty();
        NdjsonLines.Line oversized = lines.next();
        assertThat(oversized.oversized()).isTrue();
        assertThat(oversized.number()).isEqualTo(3);
        NdjsonLines.Line last = lines.next();
        assertThat(last.text()).isEqualTo("{\"é\":2}");
        assertThat(last.endOffset()).isEqualTo(file.length);
        assertThat(lines.next()).isNull();
    }

    @Test
    void resumesNumberingFromAStoredPosition() throws IOException {
        NdjsonLines lines = new NdjsonLines(new ByteArrayInputStream("{}\n".getBytes(StandardCharsets.UTF_8)), 10, 41, 1000);
        NdjsonLines.Line line = lines.next();
        assertThat(line.number()).isEqualTo(42);
        assertThat(line.endOffset()).isEqualTo(1003);
    }

    @Test
    void readsLinesThatSpanTheReadBuffer() throws IOException {
        String longLine = "{\"text\":\"" + "y".repeat(150_000) + "\"}";
        byte[] file = (longLine + "\n{}\n").getBytes(StandardCharsets.UTF_8);
        NdjsonLines lines = new NdjsonLines(new ByteArrayInputStream(file), 200_000, 0, 0);

        NdjsonLines.Line first = lines.next();
        assertThat(first.text()).isEqualTo(longLine);
        assertThat(first.endOffset()).isEqualTo(longLine.length() + 1);
        assertThat(lines.next().text()).isEqualTo("{}");
        assertThat(lines.next()).isNull();
    }
}
