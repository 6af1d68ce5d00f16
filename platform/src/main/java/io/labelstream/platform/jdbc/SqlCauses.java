package io.labelstream.platform.jdbc;

import java.sql.SQLException;
import java.util.function.Predicate;

/** Looks through a failure's causes for the database's own exception, which the layers above wrap. */
public final class SqlCauses {

    private static final int MAX_DEPTH = 16;

    private SqlCauses() {
    }

    /** Whether {@code failure} or one of its causes is an SQLException that {@code test} accepts. */
    public static boolean any(Throwable failure, Predicate<SQLException> test) {
        Throwable current = failure;
        // bounded: a cause chain may loop
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (current instanceof SQLException sql && test.test(sql)) {
                return true;
            }
            current = current.getCause();
        }
        return false;
    }
}
