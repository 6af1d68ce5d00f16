package io.labelstream.platform.problem;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * A failure of the database caused by the value a client sent, not by the service: text PostgreSQL cannot
 * store (a NUL character, a byte sequence or escape without a UTF-8 form), an index key too long to index.
 * Requests are validated before they reach the database; this is the last guard, so that no input can turn
 * into a 500.
 */
final class RefusedInput {

    private static final int MAX_DEPTH = 16;
    private static final Map<String, String> REASONS = Map.of(
            "22021", "a text holds a character the database cannot store (such as U+0000)",
            "22P05", "a text holds a character the database cannot store (such as U+0000)",
            "22P02", "a value is not in the form the database expects",
            "22001", "a text is longer than its field allows",
            "54000", "a value is too long to be stored and indexed");

    private RefusedInput() {
    }

    /** Why the database refused the request's input, if that is what {@code failure} is. */
    static Optional<String> reason(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (current instanceof SQLException sql && sql.getSQLState() != null
                    && REASONS.containsKey(sql.getSQLState())) {
                return Optional.of(REASONS.get(sql.getSQLState()));
            }
            current = current.getCause();
        }
        return Optional.empty();
    }
}
