package com.example.posts.post;

import com.example.posts.config.DatabaseTimeouts;
import com.example.posts.db.CommitOutcomeUnknownException;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;

/**
 * Runs a write in one transaction whose statements share one time budget
 * ({@link DatabaseTimeouts#TRANSACTION_SECONDS}), so it cannot commit long after its client was told it failed.
 * Like {@code SessionFactory.fromTransaction}, with the bound set before the transaction begins.
 * The write's statements are flushed before the COMMIT, so a failure of the commit itself, after which the
 * write may or may not be in the database, is told apart: {@link CommitOutcomeUnknownException}.
 */
final class WriteTransaction {
    private final SessionFactory sessions;

    WriteTransaction(SessionFactory sessions) {
        this.sessions = sessions;
    }

    <T> T run(Function<Session, T> work) {
        try (Session session = sessions.openSession()) {
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
