package io.labelstream.platform.jdbc;

import java.sql.SQLException;

/** A database failure the caller cannot handle; it rolls the transaction back. */
public class DatabaseFailure extends IllegalStateException {

    public DatabaseFailure(String message, SQLException cause) {
        super(message, cause);
    }
}
