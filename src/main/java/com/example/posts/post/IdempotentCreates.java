package com.example.posts.post;

import com.example.posts.db.NamedLock;
import com.example.posts.web.Credential;
import com.example.posts.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a post at most once per idempotency key and credential, on any server of the farm. The key is
 * stored in the post's own transaction, so a retry finds it exactly when the post exists; the named lock,
 * held across that transaction, tells a retry that the first request is still running (409) instead of
 * letting it queue on a row lock.
 */
final class IdempotentCreates {
    private static final Logger LOG = LoggerFactory.getLogger(IdempotentCreates.class);
    static final Duration KEYS_KEPT_FOR = Duration.ofHours(24);
    /** Expired keys are deleted a batch at a time, after every so many keyed creates on this server. */
    private static final int PURGE_EVERY = 100;
    private static final int PURGE_BATCH = 1_000;
    private static final int IN_FLIGHT_RETRY_AFTER_SECONDS = 1;

    private final SessionFactory sessions;
    private final WriteTransaction writes;
    private final AtomicLong keyedCreates = new AtomicLong();

    IdempotentCreates(SessionFactory sessions) {
        this.sessions = sessions;
        this.writes = new WriteTransaction(sessions);
    }

    /** The post this key created within the last 24 h, or a new one; 409 while in flight, 422 for another body. */
    CreatedPost create(Credential credential, IdempotencyKey key, PostRequest post, LocalDateTime now) {
        byte[] scope = credential.digest();
        CreatedPost created = writes.runHolding(inFlightLock(credential, key),
                        session -> createOrReplay(session, scope, key, post, now))
                .orElseThrow(() -> ProblemException.retryLater(409, "A request with this " + IdempotencyKey.HEADER
                        + " is still in progress; send it again shortly to get its result",
                        IN_FLIGHT_RETRY_AFTER_SECONDS));
        if (keyedCreates.incrementAndGet() % PURGE_EVERY == 0) {
            purgeExpired(now);
        }
        return created;
    }

    /** Held, by whichever server runs it, while a request with this key and credential is in flight. */
    static NamedLock inFlightLock(Credential credential, IdempotencyKey key) {
        byte[] keyBytes = key.value().getBytes(StandardCharsets.US_ASCII);
        return NamedLock.of("posts-key-", Sha256.of(credential.digest(), keyBytes));
    }

    private static CreatedPost createOrReplay(Session session, byte[] scope, IdempotencyKey key, PostRequest post,
                                              LocalDateTime now) {
        byte[] fingerprint = post.fingerprint();
        Optional<StoredKey> stored = StoredKey.find(session, scope, key.value());
        if (stored.isPresent() && stored.get().usedAfter(now.minus(KEYS_KEPT_FOR))) {
            if (!MessageDigest.isEqual(stored.get().requestHash(), fingerprint)) {
                throw new ProblemException(422, "This " + IdempotencyKey.HEADER + " was used for another request"
                        + " (a different content or author); use a new key for a new post");
            }
            return CreatedPost.replayed(stored.get().postId(), post, stored.get().createdTime());
        }
        stored.ifPresent(expired -> expired.delete(session));
        Post created = new Post(post.content(), post.authorEmail(), now);
        session.persist(created);
        new StoredKey(scope, key.value(), fingerprint, created.id(), now).insert(session);
        return CreatedPost.of(created);
    }

    /** Deletes up to a batch of keys older than 24 h; a failure only postpones it (the next purge tries again). */
    void purgeExpired(LocalDateTime now) {
        try {
            int deleted = sessions.fromStatelessTransaction(session -> session.createNativeMutationQuery(
                            "DELETE FROM idempotency_key WHERE created_time < :cutoff LIMIT " + PURGE_BATCH)
                    .setParameter("cutoff", now.minus(KEYS_KEPT_FOR))
                    .executeUpdate());
            LOG.debug("Deleted {} expired idempotency keys", deleted);
        } catch (RuntimeException e) {
            LOG.warn("Could not delete expired idempotency keys: {}", e.getMessage());
        }
    }
}
