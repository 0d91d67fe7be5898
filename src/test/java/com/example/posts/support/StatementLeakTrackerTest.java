package com.example.posts.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The check that every test on the shared pool gets: it finds a statement left open, and only that. */
class StatementLeakTrackerTest {
    private final DataSource pool = TestDatabase.shared().database().dataSource();

    @BeforeEach
    @AfterEach
    void forgetLeaks() {
        StatementLeakTracker.takeLeaks();
    }

    @Test
    void statementLeftOpenWhenItsConnectionGoesBackIsALeak() throws SQLException {
        long before = StatementLeakTracker.created();
        try (Connection connection = pool.getConnection()) {
            PreparedStatement leaked = connection.prepareStatement("SELECT 1 /* left open */");
            leaked.executeQuery().close();
        }

        List<String> leaks = StatementLeakTracker.takeLeaks();
        assertEquals(1, leaks.size(), leaks.toString());
        assertTrue(leaks.get(0).contains("SELECT 1 /* left open */"), leaks.get(0));
        assertTrue(leaks.get(0).contains(StatementLeakTrackerTest.class.getName()), leaks.get(0));
        assertEquals(before + 1, StatementLeakTracker.created());
    }

    @Test
    void leakFailsTheCheck() throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.prepareStatement("SELECT 2");
        }

        assertThrows(AssertionError.class, StatementLeakTracker::assertNoneLeaked);
    }

    @Test
    void closedStatementIsNoLeak() throws SQLException {
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT 3")) {
            statement.executeQuery().close();
        }

        StatementLeakTracker.assertNoneLeaked();
    }
}
