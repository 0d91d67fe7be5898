package com.example.posts.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.config.DatabaseTimeouts;
import com.example.posts.support.ServerSessions;
import com.example.posts.support.TestDatabase;
import com.example.posts.web.Causes;
import jakarta.persistence.PersistenceException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.time.Instant;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;

/** A write's time budget, and the named lock it may hold, on a real SessionFactory and database. */
class WriteTransactionTest {
    private final WriteTransaction writes = new WriteTransaction(TestDatabase.shared().database().sessionFactory());

    @Test
    void aConnectionWhoseLockCouldNotBeReleasedNeverGoesBackIntoUse() throws Exception {
        NamedLock lock = NamedLock.of("posts-test-", new byte[] {1, 2, 3});

        // The write lets the lock go itself, so the release after its commit finds nothing to release.
        long session = writes.runHolding(lock, s -> s.doReturningWork(connection -> {
            lock.release(connection);
            return ServerSessions.idOf(connection);
        })).orElseThrow();

        assertTrue(ServerSessions.ends(session), "the connection was closed, not pooled again");
    }

    @Test
    void aConnectionThatReleasedItsLockGoesBackIntoUse() {
        NamedLock lock = NamedLock.of("posts-test-", new byte[] {4, 5, 6});

        long session = writes.runHolding(lock, s -> s.doReturningWork(ServerSessions::idOf)).orElseThrow();

        assertTrue(ServerSessions.isOpen(session));
    }

    @Test
    void theFirstStatementMayTakeLongerThanARowLockWait() {
        // A statement waiting for a row lock must meet the lock's error, not its own bound.
        double longerThanTheLockWait = DatabaseTimeouts.LOCK_WAIT_SECONDS + 0.5;

        int sleepResult = writes.run(session -> sleep(session, longerThanTheLockWait));

        assertEquals(0, sleepResult, "SLEEP answers 1 when it is cut short");
    }

    @Test
    void theStatementsOfAWriteShareOneBudget() {
        // Each statement alone is within the statement bound; the two together are not within the budget, so the
        // second is cut when the budget runs out, 0.55 s before it would have ended: room for a loaded machine.
        double firstSeconds = DatabaseTimeouts.TRANSACTION_SECONDS * 0.55;
        double secondSeconds = DatabaseTimeouts.STATEMENT_SECONDS * 0.95;
        int[] statementsDone = {0};
        Instant start = Instant.now();

        PersistenceException failure = assertThrows(PersistenceException.class, () -> writes.run(session -> {
            sleep(session, firstSeconds);
            statementsDone[0]++;
            return sleep(session, secondSeconds);
        }));

        Duration took = Duration.between(start, Instant.now());
        assertEquals(1, statementsDone[0]);
        assertTrue(Causes.has(failure, SQLTimeoutException.class), "not a statement timeout: " + failure);
        Duration uncut = Duration.ofMillis((long) ((firstSeconds + secondSeconds) * 1_000));
        assertTrue(took.compareTo(uncut) < 0, "took " + took + ", no less than both statements in full");
    }

    private static int sleep(Session session, double seconds) {
        return ((Number) session.createNativeQuery("SELECT SLEEP(" + seconds + ")").getSingleResult()).intValue();
    }
}
