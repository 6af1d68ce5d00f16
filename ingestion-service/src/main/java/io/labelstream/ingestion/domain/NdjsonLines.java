package io.labelstream.ingestion.domain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads an NDJSON stream one line at a time without ever holding more than one bounded line: a line longer
 * than the limit is skipped to its end and reported as oversized, so one huge line cannot exhaust memory.
 * Tracks the byte offset after each line so that a reader can resume exactly where a job stopped.
 */
public final class NdjsonLines {

    /**
     * One line: its 1-based number, its text (null if oversized or not UTF-8), the offset just after it, and
     * whether its bytes are valid UTF-8.
     */
    public record Line(long number, String text, long endOffset, boolean utf8) {

        public Line(long number, String text, long endOffset) {
            this(number, text, endOffset, true);
        }

        public boolean oversized() {
            return text == null && utf8;
        }
    }

    private static final int CHUNK_BYTES = 1 << 16;

    private final InputStream in;
    private final int maxLineBytes;
    // bytes read from the stream and not yet handed out; scanned in bulk for line ends
    private final byte[] chunk = new byte[CHUNK_BYTES];
    private int chunkStart;
    private int chunkEnd;
    // the current line when it spans chunks, grown up to maxLineBytes
    private byte[] line = new byte[1024];
    private int lineLength;
    private long number;
    private long offset;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    /** {@code firstNumber} and {@code startOffset} say where {@code in} starts. */
    public NdjsonLines(InputStream in, int maxLineBytes, long linesBefore, long startOffset) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.number = linesBefore;
        this.offset = startOffset;
    }

    /** The next line, or null at the end of the stream. */
    public Line next() throws IOException {
        lineLength = 0;
        boolean oversized = false;
        boolean any = false;
        while (true) {
            if (chunkStart == chunkEnd && !fill()) {
                break;
            }
            any = true;
            int end = indexOfNewline();
            int stop = end < 0 ? chunkEnd : end;
            oversized |= !append(chunkStart, stop - chunkStart);
            offset += stop - chunkStart;
            chunkStart = stop;
            if (end >= 0) {
                chunkStart++;
                offset++;
                break;
            }
        }
        if (!any) {
            return null;
        }
        number++;
        if (oversized) {
            return new Line(number, null, offset);
        }
        int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
        try {
            // strict: a line with bytes that are not UTF-8 is refused, not stored with replacement characters
            return new Line(number, utf8.decode(ByteBuffer.wrap(line, 0, length)).toString(), offset);
        } catch (CharacterCodingException e) {
            return new Line(number, null, offset, false);
        }
    }

    private boolean fill() throws IOException {
        int read = in.read(chunk, 0, chunk.length);
        chunkStart = 0;
        chunkEnd = Math.max(read, 0);
        return read > 0;
    }

    private int indexOfNewline() {
        for (int i = chunkStart; i < chunkEnd; i++) {
            if (chunk[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Adds bytes to the current line; false once the line is longer than the limit (the rest is dropped). */
    private boolean append(int from, int count) {
        if (lineLength + count > maxLineBytes) {
            lineLength = maxLineBytes + 1;
            return false;
        }
        if (lineLength + count > line.length) {
            line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(line.length * 2, lineLength + count)));
        }
        System.arraycopy(chunk, from, line, lineLength, count);
        lineLength += count;
        return true;
    }
}
