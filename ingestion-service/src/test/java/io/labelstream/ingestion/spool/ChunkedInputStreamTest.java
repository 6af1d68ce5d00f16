package io.labelstream.ingestion.spool;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading a spooled upload back from its chunks, from any offset, and refusing to read a truncated one. */
class ChunkedInputStreamTest {

    private static final byte[] BODY = "first line\nsecond line\nthird line\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void readsTheWholeBodyAcrossChunks() throws IOException {
        assertThat(stream(chunks(BODY, 7), 0, BODY.length).readAllBytes()).isEqualTo(BODY);
    }

    @Test
    void resumesFromAnyOffsetInsideOrAtTheEdgeOfAChunk() throws IOException {
        List<UploadSpool.Chunk> chunks = chunks(BODY, 7);
        for (int from = 0; from <= BODY.length; from++) {
            assertThat(stream(chunks, from, BODY.length).readAllBytes()).as("from %d", from)
                    .isEqualTo(Arrays.copyOfRange(BODY, from, BODY.length));
        }
    }

    @Test
    void anEmptyUploadReadsAsEmpty() throws IOException {
        assertThat(stream(List.of(), 0, 0).readAllBytes()).isEmpty();
    }

    @Test
    void chunksThatStopBeforeTheUploadsSizeAreAnError() {
        List<UploadSpool.Chunk> chunks = chunks(BODY, 7);
        List<UploadSpool.Chunk> lastOneMissing = chunks.subList(0, chunks.size() - 1);
        assertThatThrownBy(() -> stream(lastOneMissing, 0, BODY.length).readAllBytes())
                .isInstanceOf(IOException.class).hasMessageContaining("missing");
        assertThatThrownBy(() -> stream(List.of(), 0, BODY.length).readAllBytes())
                .isInstanceOf(IOException.class).hasMessageContaining("offset 0");
    }

    @Test
    void aGapBetweenChunksIsAnError() {
        List<UploadSpool.Chunk> chunks = new ArrayList<>(chunks(BODY, 7));
        chunks.remove(2);
        assertThatThrownBy(() -> stream(chunks, 0, BODY.length).readAllBytes())
                .isInstanceOf(IOException.class).hasMessageContaining("offset 14");
    }

    /** The body split into chunks of {@code size} bytes, as the spool stores them. */
    private static List<UploadSpool.Chunk> chunks(byte[] body, int size) {
        List<UploadSpool.Chunk> chunks = new ArrayList<>();
        for (int start = 0; start < body.length; start += size) {
            chunks.add(new UploadSpool.Chunk(start, Arrays.copyOfRange(body, start, Math.min(start + size, body.length))));
        }
        return chunks;
    }

    /** A stream over the chunks, looked up as the spool's two queries do. */
    private static InputStream stream(List<UploadSpool.Chunk> chunks, long from, long size) {
        return new ChunkedInputStream(from, size,
                position -> chunks.stream().filter(c -> c.start() <= position).reduce((a, b) -> b)
                        .filter(c -> position <= c.end()),
                start -> chunks.stream().filter(c -> c.start() > start).findFirst());
    }
}
