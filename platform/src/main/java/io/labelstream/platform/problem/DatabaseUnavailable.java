package io.labelstream.platform.problem;

import io.labelstream.platform.jdbc.SqlCauses;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;

/**
 * Tells a failure that says "the database cannot take this request now" from a fault. Such a request
 * rolled back whole, so the client may send it again; answering 500 would make it look like a bug.
 * <ul>
 *   <li>no pooled connection became free within the acquisition timeout: the service is saturated.
 *       The connection pool (Agroal) gives these no SQLState, only its message, so the message is
 *       matched;</li>
 *   <li>SQLState class 08, connection exception: PostgreSQL is unreachable or the connection broke;</li>
 *   <li>53300 too_many_connections, 57P03 cannot_connect_now (PostgreSQL starting or recovering).</li>
 * </ul>
 */
public final class DatabaseUnavailable {

    private static final Set<String> BUSY_STATES = Set.of("53300", "57P03");
    private static final String ACQUISITION_TIMEOUT = "acquisition timeout";

    private DatabaseUnavailable() {
    }

    /** Whether {@code failure} or one of its causes is a database that cannot serve the request now. */
    public static boolean causes(Throwable failure) {
        return SqlCauses.any(failure, DatabaseUnavailable::unavailable);
    }

    private static boolean unavailable(SQLException e) {
        String state = e.getSQLState();
        if (state != null) {
            return state.startsWith("08") || BUSY_STATES.contains(state);
        }
        String message = e.getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains(ACQUISITION_TIMEOUT);
    }
}
