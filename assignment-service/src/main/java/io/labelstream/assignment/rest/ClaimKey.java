package io.labelstream.assignment.rest;

import io.labelstream.platform.problem.ProblemException;

/**
 * The client's key for one claim, sent as {@value #HEADER}: any string of 1 to {@value #MAX_LENGTH} visible
 * ASCII characters (a UUID, typically), chosen anew for each task the client wants and sent again, unchanged,
 * when it retries a claim whose answer it did not get.
 */
final class ClaimKey {

    static final String HEADER = "Idempotency-Key";
    static final int MAX_LENGTH = 128;

    private ClaimKey() {
    }

    /** The key, or null when the claim carries none; refuses a key that is not a short visible ASCII string. */
    static String check(String key) {
        if (key == null) {
            return null;
        }
        if (key.isEmpty() || key.length() > MAX_LENGTH) {
            throw ProblemException.badRequest(HEADER, "must be 1 to " + MAX_LENGTH + " characters long");
        }
        if (!key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw ProblemException.badRequest(HEADER, "must consist of visible ASCII characters only");
        }
        return key;
    }
}
