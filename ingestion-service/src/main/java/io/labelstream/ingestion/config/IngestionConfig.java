package io.labelstream.ingestion.config;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "labelstream.ingestion")
public interface IngestionConfig {

    /** Largest item accepted (the JSON of one item or one NDJSON line), in bytes. */
    int maxItemBytes();

    /** Most items in one JSON batch request; larger imports go through an upload. */
    int maxBatchItems();

    /** Largest page a listing returns. */
    int maxPageSize();

    Upload upload();

    interface Upload {

        /** Lines committed per transaction: a crash loses at most this much work, never a half-stored item. */
        int linesPerTransaction();

        /** Uploads up to this size are processed before the request is answered. */
        long inlineMaxBytes();

        /** Uploads processed at the same time by this instance. */
        int workers();
    }
}
