package io.labelstream.annotation.repository;

import java.sql.SQLException;

/** A database failure the caller cannot handle; it rolls the transaction back. */
final class SqlFailure extends RuntimeException {

    SqlFailure(String what, SQLException cause) {
        super(what + " failed: " + cause.getMessage(), cause);
    }
}
