package com.example.posts.db;

import java.sql.Connection;
import java.sql.SQLException;
import org.apache.tomcat.jdbc.pool.PooledConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a connection in an unknown state (one that may still hold a lock of its session) from being used
 * again: our pool closes a connection marked discarded when it is given back; any other connection, such as a
 * container pool's, is aborted, so that its pool finds it closed.
 */
public final class ConnectionDiscard {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionDiscard.class);

    private ConnectionDiscard() {
    }

    public static void discard(Connection connection) {
        try {
            connection.unwrap(PooledConnection.class).setDiscarded(true);
        } catch (SQLException notOurPools) {
            abort(connection);
        }
    }

    private static void abort(Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not abort a connection in an unknown state: {}", e.getMessage());
        }
    }
}
