package com.example.posts.post;

import com.example.posts.config.DatabaseTimeouts;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;

/**
 * Runs a write in one transaction whose statements share one time budget
 * ({@link DatabaseTimeouts#TRANSACTION_SECONDS}), so it cannot commit long after its client was told it failed.
 * Like {@code SessionFactory.fromTransaction}, with the bound set before the transaction begins.
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
                transaction.commit();
                return result;
            } catch (RuntimeException e) {
                rollBack(transaction, e);
                throw e;
            }
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
