package io.labelstream.platform.outbox;

import java.util.List;

/**
 * Many JSON documents as one statement parameter: a JSON array written by joining the documents as
 * they are, read back with {@code json_array_elements(cast(? as json)) with ordinality}. A text array
 * parameter ({@code ?::text[]}) would have the driver escape every character of every document, which
 * costs more than the rest of a bulk insert; {@code json} (unlike {@code jsonb}) keeps each element's
 * text exactly as written. For {@code jsonb} columns, read it with {@code jsonb_array_elements(cast(? as
 * jsonb))} instead: the array is parsed once, rather than once as {@code json} and again per element.
 */
public final class JsonBatch {

    private JsonBatch() {
    }

    /** The documents (each valid JSON, or null for SQL null's JSON {@code null}) as one JSON array. */
    public static String of(List<String> documents) {
        int length = 2;
        for (String document : documents) {
            length += (document == null ? 4 : document.length()) + 1;
        }
        StringBuilder array = new StringBuilder(length).append('[');
        for (int i = 0; i < documents.size(); i++) {
            if (i > 0) {
                array.append(',');
            }
            String document = documents.get(i);
            array.append(document == null ? "null" : document);
        }
        return array.append(']').toString();
    }
}
