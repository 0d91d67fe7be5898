package com.example.posts.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.posts.support.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.apache.tomcat.jdbc.pool.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A connection in an unknown state never goes back into use: given back, it is closed, and its session ends. */
class ConnectionDiscardTest {
    private final DataSource pool = ConnectionPool.create(TestDatabase.shared().server().settings());

    @AfterEach
    void closePool() {
        pool.close();
    }

    @Test
    void aDiscardedConnectionsSessionEndsWhenItIsGivenBack() throws Exception {
        long session;
        try (Connection connection = pool.getConnection()) {
            session = sessionOf(connection);
            ConnectionDiscard.discard(connection);
        }

        // The server ends a session a moment after its client closed it (later still behind Docker's proxy).
        Instant deadline = Instant.now().plusSeconds(5);
        while (sessionsWithId(session) > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertEquals(0, sessionsWithId(session));
    }

    @Test
    void aConnectionGivenBackAsUsualKeepsItsSession() throws SQLException {
        long session;
        try (Connection connection = pool.getConnection()) {
            session = sessionOf(connection);
        }

        assertEquals(1, sessionsWithId(session));
    }

    private static long sessionOf(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet id = statement.executeQuery("SELECT CONNECTION_ID()")) {
            id.next();
            return id.getLong(1);
        }
    }

    private static int sessionsWithId(long session) {
        return Integer.parseInt(TestDatabase.shared().firstValue(
                "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = " + session));
    }
}
