package io.labelstream.ingestion.spool;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Reads a stored upload from an offset to its known end as one stream, holding one chunk at a time. The
 * chunks are contiguous; a gap, or chunks that stop before the end, mean part of the upload is missing, which
 * is an error and never a short file.
 */
final class ChunkedInputStream extends InputStream {

    private final long end;
    private final LongFunction<Optional<UploadSpool.Chunk>> chunkAt;
    private final LongFunction<Optional<UploadSpool.Chunk>> chunkAfter;
    private UploadSpool.Chunk current;
    private long position;

    /**
     * @param from the offset of the first byte to read
     * @param end the upload's size: the stream ends there
     * @param chunkAt the chunk holding an offset (or ending exactly there), if any
     * @param chunkAfter the chunk that starts after the given chunk start, if any
     */
    ChunkedInputStream(long from, long end, LongFunction<Optional<UploadSpool.Chunk>> chunkAt,
                       LongFunction<Optional<UploadSpool.Chunk>> chunkAfter) {
        if (from < 0 || from > end) {
            throw new IllegalArgumentException("offset " + from + " is outside an upload of " + end + " bytes");
        }
        this.end = end;
        this.chunkAt = chunkAt;
        this.chunkAfter = chunkAfter;
        this.position = from;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position >= end) {
            return -1;
        }
        if (current == null || position >= current.end()) {
            current = next();
        }
        int index = (int) (position - current.start());
        int count = (int) Math.min(Math.min(length, current.data().length - index), end - position);
        System.arraycopy(current.data(), index, buffer, offset, count);
        position += count;
        return count;
    }

    private UploadSpool.Chunk next() throws IOException {
        Optional<UploadSpool.Chunk> next = current == null ? chunkAt.apply(position) : chunkAfter.apply(current.start());
        if (next.isEmpty() || next.get().start() > position || next.get().end() <= position) {
            throw new IOException("the spooled upload is missing its bytes from offset " + position);
        }
        return next.get();
    }
}
