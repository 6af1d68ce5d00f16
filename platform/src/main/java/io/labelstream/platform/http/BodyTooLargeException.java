package io.labelstream.platform.http;

import java.io.IOException;

/**
 * A streamed body went past its endpoint's limit while it was read. An {@link IOException}, so that JSON
 * readers pass it through unwrapped, as they do any failure to read their input.
 */
public class BodyTooLargeException extends IOException {

    private final long limit;

    public BodyTooLargeException(long limit) {
        super("the body is longer than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
