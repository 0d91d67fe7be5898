package com.example.posts.replica;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import org.hibernate.exception.JDBCConnectionException;

/**
 * Whether a failure was the node's (unreachable, connection lost, stalled past a bound), which another node
 * may not share, rather than the read's own.
 */
final class NodeFailures {
    private NodeFailures() {
    }

    static boolean isNodeFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JDBCConnectionException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLTimeoutException || t instanceof org.hibernate.QueryTimeoutException) {
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
}
