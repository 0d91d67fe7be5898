package com.example.posts.db;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import org.hibernate.TransactionException;
import org.hibernate.exception.JDBCConnectionException;

/**
 * What a failure says about the database server it came from: unreachable, or too slow (every wait is
 * bounded, see DatabaseTimeouts). The one reading of it, for the answer a client gets (a 503) and for the
 * reads that run again on another node.
 */
public final class UnavailableDatabase {
    private UnavailableDatabase() {
    }

    /** Unreachable, or too slow: another server may well answer. */
    public static boolean isNodeFailure(Throwable failure) {
        return isUnreachable(failure) || isTooSlow(failure);
    }

    /** The connection could not be made or was lost, or the pool had none to give in time. */
    public static boolean isUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JDBCConnectionException || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                // 08: connection exception; a pool that cannot hand out a connection in time has no state.
                if ((state != null && state.startsWith("08"))
                        || sql.getClass().getSimpleName().equals("PoolExhaustedException")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A statement or a write's transaction ran out of time. */
    public static boolean isTooSlow(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTimeoutException || t instanceof org.hibernate.QueryTimeoutException
                    || t instanceof jakarta.persistence.QueryTimeoutException
                    || (t instanceof TransactionException && String.valueOf(t.getMessage()).contains("timeout"))) {
                return true;
            }
        }
        return false;
    }
}
