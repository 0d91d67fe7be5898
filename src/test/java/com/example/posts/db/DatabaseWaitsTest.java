package com.example.posts.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.config.DatabaseTimeouts;
import com.example.posts.contract.ApiTestCase;
import com.example.posts.support.TestDatabase;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.apache.tomcat.jdbc.pool.DataSource;
import org.junit.jupiter.api.Test;

/** A database that answers, but slowly or behind a lock: the statement and lock bounds hold. */
class DatabaseWaitsTest extends ApiTestCase {
    private static final String NEW_BODY = "{\"content\":\"Edited\",\"author_email\":\"editor@example.com\"}";

    @Test
    void aSlowStatementIsCutAtTheStatementBound() throws Exception {
        DataSource pool = ConnectionPool.create(TestDatabase.shared().server().settings());
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            Instant start = Instant.now();

            assertThrows(SQLTimeoutException.class, () -> statement.executeQuery("SELECT SLEEP(30)"));

            Duration took = Duration.between(start, Instant.now());
            assertTrue(took.compareTo(Duration.ofSeconds(DatabaseTimeouts.STATEMENT_SECONDS + 2)) < 0, "took " + took);
        } finally {
            pool.close();
        }
    }

    @Test
    void appSessionsCarryTheIdleBoundAfterWhichTheServerEndsALostOne() throws Exception {
        try (Connection connection = TestDatabase.shared().database().dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet idle = statement.executeQuery("SELECT @@SESSION.wait_timeout")) {
            idle.next();

            assertEquals(DatabaseTimeouts.IDLE_SESSION_SECONDS, idle.getInt(1));
        }
    }

    @Test
    void aPutOnARowLockedElsewhereAnswers503AtTheLockBound() throws Exception {
        try (Connection other = TestDatabase.shared().database().dataSource().getConnection();
             Statement lock = other.createStatement()) {
            other.setAutoCommit(false);
            lock.executeQuery("SELECT id FROM post WHERE id = 1 FOR UPDATE").close();
            try {
                Instant start = Instant.now();

                Response response = authorized("posts/1").put(json(NEW_BODY));

                Duration took = Duration.between(start, Instant.now());
                assertEquals(503, response.getStatus());
                assertEquals("The post is busy; try again shortly", body(response).get("detail").asText());
                assertEquals("5", response.getHeaderString(HttpHeaders.RETRY_AFTER));
                assertTrue(took.compareTo(Duration.ofSeconds(DatabaseTimeouts.LOCK_WAIT_SECONDS + 2)) < 0,
                        "took " + took);
            } finally {
                other.rollback();
                other.setAutoCommit(true);
            }
        }
        assertEquals(200, authorized("posts/1").put(json(NEW_BODY)).getStatus());
    }
}
