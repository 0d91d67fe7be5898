package com.example.posts.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

/** The test database server's sessions: which one a connection is, and whether it is still open. */
public final class ServerSessions {
    /** The server ends a session a moment after its client closed it (later still behind Docker's proxy). */
    private static final Duration CLOSING = Duration.ofSeconds(5);

    private ServerSessions() {
    }

    public static long idOf(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet id = statement.executeQuery("SELECT CONNECTION_ID()")) {
            id.next();
            return id.getLong(1);
        }
    }

    public static boolean isOpen(long session) {
        return Integer.parseInt(TestDatabase.shared().firstValue(
                "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = " + session)) > 0;
    }

    /** Whether the session ends within a few seconds. */
    public static boolean ends(long session) throws InterruptedException {
        Instant deadline = Instant.now().plus(CLOSING);
        while (isOpen(session) && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        return !isOpen(session);
    }
}
