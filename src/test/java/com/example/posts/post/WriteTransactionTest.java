package com.example.posts.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.config.DatabaseTimeouts;
import com.example.posts.support.TestDatabase;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A write's time budget, on a real SessionFactory and database. */
class WriteTransactionTest {
    private final WriteTransaction writes = new WriteTransaction(TestDatabase.shared().database().sessionFactory());

    @Test
    void theFirstStatementOutlastsARowLockWait() {
        // A statement that waits for a row lock must meet the lock's error, not its own timeout.
        double longerThanTheLockWait = DatabaseTimeouts.LOCK_WAIT_SECONDS + 0.5;

        Number interrupted = writes.run(session -> (Number)
                session.createNativeQuery("SELECT SLEEP(" + longerThanTheLockWait + ")").getSingleResult());

        assertEquals(0, interrupted.intValue());
    }

    @Test
    void aWriteThatOverrunsItsBudgetFailsAtTheBound() {
        Instant start = Instant.now();

        assertThrows(PersistenceException.class, () -> writes.run(session ->
                session.createNativeQuery("SELECT SLEEP(30)").getSingleResult()));

        Duration took = Duration.between(start, Instant.now());
        assertTrue(took.compareTo(Duration.ofSeconds(DatabaseTimeouts.TRANSACTION_SECONDS + 2)) < 0, "took " + took);
    }
}
