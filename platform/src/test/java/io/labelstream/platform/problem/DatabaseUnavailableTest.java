package io.labelstream.platform.problem;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseUnavailableTest {

    @Test
    void aPoolThatHadNoFreeConnectionInTimeIsUnavailable() {
        // the two messages the connection pool throws, wrapped as the repositories wrap them
        assertThat(DatabaseUnavailable.causes(new IllegalStateException("reading failed",
                new SQLException("Sorry, acquisition timeout!")))).isTrue();
        assertThat(DatabaseUnavailable.causes(new IllegalStateException("reading failed",
                new SQLException("Acquisition timeout while waiting for new connection", new TimeoutException()))))
                .isTrue();
    }

    @Test
    void aBrokenOrRefusedConnectionIsUnavailable() {
        assertThat(DatabaseUnavailable.causes(new SQLTransientConnectionException("I/O error", "08006"))).isTrue();
        assertThat(DatabaseUnavailable.causes(new SQLException("sorry, too many clients already", "53300"))).isTrue();
        assertThat(DatabaseUnavailable.causes(new SQLException("the database system is starting up", "57P03")))
                .isTrue();
    }

    @Test
    void aFaultIsNotUnavailability() {
        assertThat(DatabaseUnavailable.causes(new SQLException("duplicate key value", "23505"))).isFalse();
        assertThat(DatabaseUnavailable.causes(new SQLException("syntax error", "42601"))).isFalse();
        // a coded state decides, whatever the message says
        assertThat(DatabaseUnavailable.causes(new SQLException("acquisition timeout in a column name", "42703")))
                .isFalse();
        assertThat(DatabaseUnavailable.causes(new IllegalStateException("acquisition timeout"))).isFalse();
        assertThat(DatabaseUnavailable.causes(null)).isFalse();
    }

    @Test
    void aCauseChainThatLoopsEnds() {
        SQLException first = new SQLException("first", "23505");
        SQLException second = new SQLException("second", "23505");
        first.initCause(second);
        second.initCause(first);
        assertThat(DatabaseUnavailable.causes(first)).isFalse();
    }
}
