package io.labelstream.ingestion.domain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads an NDJSON stream one line at a time without ever holding more than one bounded line: a line longer
 * than the limit is skipped to its end and reported as oversized, so one huge line cannot exhaust memory.
 * Tracks the byte offset after each line so that a reader can resume exactly where a job stopped.
 */
public final class NdjsonLines {

    /** One line: its 1-based number, its text (null if oversized), and the offset just after it. */
    public record Line(long number, String text, long endOffset) {

        public boolean oversized() {
            return text == null;
        }
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private long number;
    private long offset;

    /** {@code in} should be buffered; {@code firstNumber} and {@code startOffset} say where it starts. */
    public NdjsonLines(InputStream in, int maxLineBytes, long linesBefore, long startOffset) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.number = linesBefore;
        this.offset = startOffset;
    }

    /** The next line, or null at the end of the stream. */
    public Line next() throws IOException {
        buffer.reset();
        boolean oversized = false;
        boolean any = false;
        int b;
        while ((b = in.read()) != -1) {
            any = true;
            offset++;
            if (b == '\n') {
                break;
            }
            if (buffer.size() >= maxLineBytes) {
                oversized = true;
            } else {
                buffer.write(b);
            }
        }
        if (!any) {
            return null;
        }
        number++;
        if (oversized) {
            return new Line(number, null, offset);
        }
        String text = buffer.toString(StandardCharsets.UTF_8);
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        return new Line(number, text, offset);
    }
}
