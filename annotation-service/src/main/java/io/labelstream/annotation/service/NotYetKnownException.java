package io.labelstream.annotation.service;

/**
 * The item or the schema version a submission needs has not reached this service yet (events are
 * asynchronous). The client retries after a moment; see the Retry-After header.
 */
public class NotYetKnownException extends RuntimeException {

    public NotYetKnownException(String what) {
        super(what + " is not known to the annotation service yet; retry shortly");
    }
}
