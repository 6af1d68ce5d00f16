package io.labelstream.ingestion.spool;

import io.labelstream.platform.jdbc.Jdbc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.UUID;

/**
 * Upload bodies kept in the database as chunks: every instance can read what any instance received, so a job
 * survives the restart or scale-in of its receiver, and no pod needs a disk as large as the largest upload.
 */
@ApplicationScoped
public class UploadSpool {

    /** Large enough that a 20 GB upload is 20,000 rows, small enough to hold one chunk in memory per stream. */
    static final int CHUNK_BYTES = 1 << 20;

    private static final String APPEND = "insert into upload_spool_chunk (job_id, start_offset, data) values (?, ?, ?)";
    private static final String CHUNK_AT = """
            select start_offset, data from upload_spool_chunk
            where job_id = ? and start_offset <= ? order by start_offset desc limit 1""";
    private static final String CHUNK_AFTER = """
            select start_offset, data from upload_spool_chunk
            where job_id = ? and start_offset > ? order by start_offset limit 1""";
    private static final String DELETE = "delete from upload_spool_chunk where job_id = ?";
    private static final Jdbc.RowMapper<Chunk> CHUNK = row -> new Chunk(row.getLong("start_offset"), row.getBytes("data"));

    /** One stored chunk: the offset of its first byte in the upload, and its bytes. */
    record Chunk(long start, byte[] data) {
        long end() {
            return start + data.length;
        }
    }

    private final Jdbc jdbc;

    public UploadSpool(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the body chunk by chunk, each in its own transaction, so no transaction stays open while the
     * client sends; returns the number of bytes stored. A body that breaks off leaves the chunks stored so
     * far, which {@link #delete} removes.
     */
    public long write(UUID jobId, InputStream body) throws IOException {
        long offset = 0;
        byte[] chunk;
        while ((chunk = body.readNBytes(CHUNK_BYTES)).length > 0) {
            long start = offset;
            byte[] data = chunk;
            QuarkusTransaction.requiringNew().run(() -> jdbc.update(APPEND, jobId, start, data));
            offset += chunk.length;
        }
        return offset;
    }

    /**
     * The upload's bytes from an offset to its size, read one chunk at a time; a read fails if stored bytes
     * are missing, so a job never completes on a truncated body.
     */
    public InputStream open(UUID jobId, long from, long size) {
        return new ChunkedInputStream(from, size, position -> chunkAt(jobId, position),
                start -> chunkAfter(jobId, start));
    }

    public void delete(UUID jobId) {
        QuarkusTransaction.requiringNew().run(() -> jdbc.update(DELETE, jobId));
    }

    private Optional<Chunk> chunkAt(UUID jobId, long position) {
        return QuarkusTransaction.requiringNew().call(() -> jdbc.one(CHUNK_AT, CHUNK, jobId, position))
                .filter(chunk -> position <= chunk.end());
    }

    private Optional<Chunk> chunkAfter(UUID jobId, long start) {
        return QuarkusTransaction.requiringNew().call(() -> jdbc.one(CHUNK_AFTER, CHUNK, jobId, start));
    }
}
