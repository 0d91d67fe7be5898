package com.example.posts.db;

import com.example.posts.config.DatabaseTimeouts;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Function;
import org.hibernate.ConnectionAcquisitionMode;
import org.hibernate.ConnectionReleaseMode;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a write in one transaction whose statements share one time budget
 * ({@link DatabaseTimeouts#TRANSACTION_SECONDS}), so it cannot commit long after its client was told it failed.
 * Like {@code SessionFactory.fromTransaction}, with the bound set before the transaction begins.
 * The write's statements are flushed before the COMMIT, so a failure of the commit itself, after which the
 * write may or may not be in the database, is told apart: {@link CommitOutcomeUnknownException}.
 */
public final class WriteTransaction {
    private static final Logger LOG = LoggerFactory.getLogger(WriteTransaction.class);

    private final SessionFactory sessions;

    public WriteTransaction(SessionFactory sessions) {
        this.sessions = sessions;
    }

    public <T> T run(Function<Session, T> work) {
        try (Session session = sessions.openSession()) {
            return runIn(session, work);
        }
    }

    /**
     * Runs the write holding the lock from before its transaction begins until after it has ended, so whoever
     * takes the lock next sees what the write committed. Empty, with nothing done, when another connection
     * holds the lock. The session keeps one connection throughout: the lock is that connection's.
     */
    public <T> Optional<T> runHolding(NamedLock lock, Function<Session, T> work) {
        try (Session session = sessions.withOptions()
                .connectionHandling(ConnectionAcquisitionMode.IMMEDIATELY, ConnectionReleaseMode.ON_CLOSE)
                .openSession()) {
            if (!session.doReturningWork(lock::tryAcquire)) {
                return Optional.empty();
            }
            try {
                return Optional.of(runIn(session, work));
            } finally {
                release(session, lock);
            }
        }
    }

    private static <T> T runIn(Session session, Function<Session, T> work) {
        Transaction transaction = session.getTransaction();
        transaction.setTimeout(DatabaseTimeouts.TRANSACTION_SECONDS);
        transaction.begin();
        try {
            T result = work.apply(session);
            session.flush();
            commit(transaction);
            return result;
        } catch (RuntimeException e) {
            rollBack(transaction, e);
            throw e;
        }
    }

    /**
     * A failed release must not turn a committed write into an error; nor may the connection go back into use
     * still holding the lock, which would keep the key "in flight" for as long as the connection lives.
     */
    private static void release(Session session, NamedLock lock) {
        try {
            session.doWork(connection -> {
                if (!releasedBy(connection, lock)) {
                    ConnectionDiscard.discard(connection);
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Could not release lock {}: {}", lock, e.getMessage());
        }
    }

    private static boolean releasedBy(Connection connection, NamedLock lock) {
        try {
            return lock.release(connection);
        } catch (SQLException e) {
            LOG.warn("Could not release lock {}: {}", lock, e.getMessage());
            return false;
        }
    }

    private static void commit(Transaction transaction) {
        try {
            transaction.commit();
        } catch (RuntimeException e) {
            throw new CommitOutcomeUnknownException(e);
        }
    }

    private static void rollBack(Transaction transaction, RuntimeException cause) {
        try {
            if (transaction.isActive()) {
                transaction.rollback();
            }
        } catch (RuntimeException rollbackFailure) {
            // The connection may be what failed; the first failure is the one to report.
            cause.addSuppressed(rollbackFailure);
        }
    }
}
