package org.leadtocash.system.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Recognises a failure that means "the database cannot be reached right now" — no connection to be had, the
 * connection refused or cut, the server shutting down or starting up — anywhere in an exception's cause chain (the
 * engine wraps them in its own exceptions). Such a request is worth retrying as it was; a bug is not.
 */
final class DatabaseUnavailable {
    private DatabaseUnavailable() {
    }

    static boolean causes(Throwable failure) {
        return causes(failure, 0);
    }

    private static boolean causes(Throwable failure, int depth) {
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause() == t ? null : t.getCause(), depth++) {
            // a rollback that failed because the connection was gone hides the failure that caused the rollback
            if (t instanceof TransactionSystemException tse && tse.getOriginalException() != null
                    && causes(tse.getOriginalException(), depth + 1)) {
                return true;
            }
            if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && unavailable(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE class 08 (connection exception) and PostgreSQL's 57P01 admin shutdown, 57P02 crash shutdown, 57P03
     * cannot connect now.
     */
    private static boolean unavailable(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P0"));
    }
}
