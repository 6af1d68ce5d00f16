package io.labelstream.contracts;

import java.util.UUID;

/**
 * An event already written as its envelope JSON, for a writer that only stores or sends it.
 *
 * @param eventId unique per event; consumers deduplicate on it
 * @param key     the record key: the aggregate id
 * @param json    the whole envelope; null for a tombstone, which deletes the key on a compacted topic
 */
public record EncodedEvent(UUID eventId, String key, String json) {
}
