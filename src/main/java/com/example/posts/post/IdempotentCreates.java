package com.example.posts.post;

import com.example.posts.db.NamedLock;
import com.example.posts.db.WriteTransaction;
import com.example.posts.web.Credential;
import com.example.posts.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

/**
 * Creates a post at most once per idempotency key and credential, on any server of the farm. The key is
 * stored in the post's own transaction, so a retry finds it exactly when the post exists; the named lock,
 * held across that transaction, tells a retry that the first request is still running (409) instead of
 * letting it queue on a row lock.
 */
final class IdempotentCreates {
    static final Duration KEYS_KEPT_FOR = Duration.ofHours(24);
    private static final int IN_FLIGHT_RETRY_AFTER_SECONDS = 1;

    private final WriteTransaction writes;
    private final ExpiredKeys expired;

    IdempotentCreates(SessionFactory sessions) {
        this.writes = new WriteTransaction(sessions);
        this.expired = new ExpiredKeys(sessions);
    }

    /** The post this key created within the last 24 h, or a new one; 409 while in flight, 422 for another body. */
    CreatedPost create(Credential credential, IdempotencyKey key, PostRequest post, LocalDateTime now) {
        byte[] scope = credential.scope();
        CreatedPost created = writes.runHolding(inFlightLock(credential, key),
                        session -> createOrReplay(session, scope, key, post, now))
                .orElseThrow(() -> ProblemException.retryLater(409, "A request with this " + IdempotencyKey.HEADER
                        + " is still in progress; send it again shortly to get its result",
                        IN_FLIGHT_RETRY_AFTER_SECONDS));
        if (!created.replayed()) {
            expired.afterCreate(now);
        }
        return created;
    }

    /** Held, by whichever server runs it, while a request with this key and credential is in flight. */
    static NamedLock inFlightLock(Credential credential, IdempotencyKey key) {
        byte[] keyBytes = key.value().getBytes(StandardCharsets.US_ASCII);
        return NamedLock.of("posts-key-", Sha256.of(credential.scope(), keyBytes));
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
}
