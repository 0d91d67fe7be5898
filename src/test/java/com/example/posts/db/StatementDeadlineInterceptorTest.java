package com.example.posts.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.config.DatabaseSettings;
import com.example.posts.support.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.apache.tomcat.jdbc.pool.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pool's statement bound, on a real server: a slow statement is cut and its connection dropped. */
class StatementDeadlineInterceptorTest {
    private static final String POOL_NAME = "deadline-test";
    private static final int BOUND_SECONDS = 2;
    /** The bound, the watchdog's period, and a busy machine's scheduling. */
    private static final Duration CUT_WITHIN = Duration.ofMillis(BOUND_SECONDS * 1_000L + 1_500);

    private DataSource pool;

    @BeforeEach
    void openPool() {
        DatabaseSettings settings = TestDatabase.shared().server().settings();
        WatchedPoolProperties properties = new WatchedPoolProperties(POOL_NAME, BOUND_SECONDS);
        properties.setUrl(settings.jdbcUrl());
        properties.setDriverClassName("com.mysql.cj.jdbc.Driver");
        properties.setUsername(settings.user());
        properties.setPassword(settings.password());
        properties.setMaxActive(2);
        properties.setMaxIdle(2);
        properties.setMinIdle(0);
        properties.setInitialSize(0);
        properties.setMaxWait(1_000);
        properties.setJmxEnabled(false);
        pool = new DataSource(properties);
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    @Test
    void aSlowStatementIsCutAtTheBoundWithATimeoutAndItsConnectionIsNotReused() throws Exception {
        long slowConnection;
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            slowConnection = connectionId(connection);
            Instant start = Instant.now();

            SQLTimeoutException timeout =
                    assertThrows(SQLTimeoutException.class, () -> statement.executeQuery("SELECT SLEEP(30)"));

            Duration took = Duration.between(start, Instant.now());
            assertTrue(took.compareTo(Duration.ofSeconds(BOUND_SECONDS)) >= 0, "took " + took);
            assertTrue(took.compareTo(CUT_WITHIN) < 0, "took " + took);
            assertNull(timeout.getCause(), "a cause with SQL state 08 would read as an unreachable database");
            assertTrue(connection.isClosed());
        }

        assertEquals(0, pool.getIdle());
        try (Connection next = pool.getConnection()) {
            assertNotEquals(slowConnection, connectionId(next));
        }
    }

    @Test
    void aShorterQueryTimeoutShortensTheBound() throws Exception {
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT SLEEP(?)")) {
            statement.setInt(1, 30);
            statement.setQueryTimeout(1);
            Instant start = Instant.now();

            assertThrows(SQLTimeoutException.class, statement::executeQuery);

            Duration took = Duration.between(start, Instant.now());
            assertTrue(took.compareTo(Duration.ofSeconds(BOUND_SECONDS)) < 0, "took " + took);
            assertEquals(1, statement.getQueryTimeout());
        }
    }

    @Test
    void aLongerQueryTimeoutDoesNotLiftTheBound() throws Exception {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(30);
            Instant start = Instant.now();

            assertThrows(SQLTimeoutException.class, () -> statement.executeQuery("SELECT SLEEP(30)"));

            Duration took = Duration.between(start, Instant.now());
            assertTrue(took.compareTo(CUT_WITHIN) < 0, "took " + took);
        }
    }

    @Test
    void aPoolReopenedAfterItsCloseStartsNoWatchdogAndStillServes() throws Exception {
        pool.getConnection().close();
        pool.close();

        // tomcat-jdbc opens a closed pool again on demand, e.g. for a health check during an undeploy.
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT 1")) {
            assertTrue(result.next());
        }
        assertFalse(watchdogRunning(), "a watchdog thread started after the pool closed");
    }

    @Test
    void aListOfInterceptorsWithoutTheBoundIsRefused() {
        WatchedPoolProperties properties = new WatchedPoolProperties("refused", BOUND_SECONDS);

        assertThrows(IllegalArgumentException.class, () -> properties.setJdbcInterceptors("ConnectionState"));
    }

    @Test
    void aStatementWithinTheBoundAnswersAndKeepsItsConnection() throws Exception {
        long first;
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT SLEEP(1), ?")) {
            first = connectionId(connection);
            statement.setInt(1, 7);
            try (ResultSet result = statement.executeQuery()) {
                assertTrue(result.next());
                assertEquals(7, result.getInt(2));
            }
            assertFalse(connection.isClosed());
        }

        try (Connection again = pool.getConnection()) {
            assertEquals(first, connectionId(again));
        }
    }

    @Test
    void theWatchdogRunsWithThePoolAndStopsWhenItCloses() throws Exception {
        pool.getConnection().close();
        assertTrue(watchdogRunning(), "no watchdog thread while the pool is open");

        pool.close();

        assertFalse(watchdogRunning(), "the watchdog thread outlived its pool");
    }

    private static boolean watchdogRunning() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals(POOL_NAME + "-statement-watchdog") && thread.isAlive());
    }

    private static long connectionId(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet id = statement.executeQuery("SELECT CONNECTION_ID()")) {
            id.next();
            return id.getLong(1);
        }
    }
}
