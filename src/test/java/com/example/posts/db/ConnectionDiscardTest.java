package com.example.posts.db;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.support.ServerSessions;
import com.example.posts.support.TestDatabase;
import java.sql.Connection;
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
            session = ServerSessions.idOf(connection);
            ConnectionDiscard.discard(connection);
        }

        assertTrue(ServerSessions.ends(session));
    }

    @Test
    void aConnectionGivenBackAsUsualKeepsItsSession() throws Exception {
        long session;
        try (Connection connection = pool.getConnection()) {
            session = ServerSessions.idOf(connection);
        }

        assertTrue(ServerSessions.isOpen(session));
    }
}
