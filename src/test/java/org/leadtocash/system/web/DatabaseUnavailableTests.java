package org.leadtocash.system.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures answer 503 "retry later" and which stay a 500 (a bug is not fixed by retrying). */
class DatabaseUnavailableTests {

    @Test
    void noConnectionFromThePoolIsAnOutage() {
        assertThat(DatabaseUnavailable.causes(new CannotCreateTransactionException("Could not open JDBC Connection",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available")))).isTrue();
    }

    @Test
    void connectionAndShutdownSqlStatesAreOutagesAlsoWhenTheEngineWrapsThem() {
        assertThat(DatabaseUnavailable.causes(new ProcessEngineException("flush failed",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")))).isTrue();
        assertThat(DatabaseUnavailable.causes(new SQLException("terminating connection due to administrator command", "57P01")))
                .isTrue();
        assertThat(DatabaseUnavailable.causes(new SQLException("the database system is starting up", "57P03"))).isTrue();
    }

    @Test
    void aFailedRollbackIsJudgedByTheFailureThatCausedIt() {
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollbackFailed.initApplicationException(new CannotCreateTransactionException("Could not open JDBC Connection"));
        assertThat(DatabaseUnavailable.causes(rollbackFailed)).isTrue();

        TransactionSystemException afterBug = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        afterBug.initApplicationException(new IllegalStateException("a bug"));
        assertThat(DatabaseUnavailable.causes(afterBug)).isFalse();
    }

    @Test
    void bugsAndRefusedDataAreNotOutages() {
        assertThat(DatabaseUnavailable.causes(new BadSqlGrammarException("select", "SELECT nope", new SQLException("no such table", "42P01"))))
                .isFalse();
        assertThat(DatabaseUnavailable.causes(new DataIntegrityViolationException("duplicate", new SQLException("duplicate key", "23505"))))
                .isFalse();
        assertThat(DatabaseUnavailable.causes(new NullPointerException())).isFalse();
    }
}
