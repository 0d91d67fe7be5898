package com.example.posts.post;

import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicLong;
import org.hibernate.SessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes idempotency keys past their 24 h, a batch at a time, after every so many keyed creates on this
 * server: the table grows with the creates, and shrinks at the same pace. READ COMMITTED, so the range delete
 * locks only the rows it deletes, never the gap where a concurrent create inserts its key.
 */
final class ExpiredKeys {
    private static final Logger LOG = LoggerFactory.getLogger(ExpiredKeys.class);
    static final int PURGE_EVERY = 100;
    static final int BATCH = 1_000;

    private final SessionFactory sessions;
    private final AtomicLong creates = new AtomicLong();

    ExpiredKeys(SessionFactory sessions) {
        this.sessions = sessions;
    }

    void afterCreate(LocalDateTime now) {
        if (creates.incrementAndGet() % PURGE_EVERY == 0) {
            purge(now);
        }
    }

    /** A failure only postpones the purge: the next one deletes what this one did not. */
    void purge(LocalDateTime now) {
        try {
            int deleted = sessions.fromStatelessTransaction(session -> {
                // Before the transaction's first statement, so it applies to this transaction only.
                session.createNativeMutationQuery("SET TRANSACTION ISOLATION LEVEL READ COMMITTED").executeUpdate();
                return session.createNativeMutationQuery(
                                "DELETE FROM idempotency_key WHERE created_time < :cutoff LIMIT " + BATCH)
                        .setParameter("cutoff", now.minus(IdempotentCreates.KEYS_KEPT_FOR))
                        .executeUpdate();
            });
            LOG.debug("Deleted {} expired idempotency keys", deleted);
        } catch (RuntimeException e) {
            LOG.warn("Could not delete expired idempotency keys: {}", e.getMessage());
        }
    }
}
