package com.example.posts.post;

import java.time.LocalDateTime;
import java.util.Optional;
import org.hibernate.Session;

/** A row of {@code idempotency_key}: which post a key created, for which request, and when. */
record StoredKey(byte[] credential, String key, byte[] requestHash, int postId, LocalDateTime createdTime) {

    static Optional<StoredKey> find(Session session, byte[] credential, String key) {
        return session.createNativeQuery("SELECT request_hash, post_id, created_time FROM idempotency_key "
                        + "WHERE credential = :credential AND request_key = :key", Object[].class)
                .addScalar("request_hash", byte[].class)
                .addScalar("post_id", Integer.class)
                .addScalar("created_time", LocalDateTime.class)
                .setParameter("credential", credential)
                .setParameter("key", key)
                .uniqueResultOptional()
                .map(row -> new StoredKey(credential, key, (byte[]) row[0], (Integer) row[1], (LocalDateTime) row[2]));
    }

    boolean usedAfter(LocalDateTime cutoff) {
        return createdTime.isAfter(cutoff);
    }

    void insert(Session session) {
        session.createNativeMutationQuery("INSERT INTO idempotency_key "
                        + "(credential, request_key, request_hash, post_id, created_time) "
                        + "VALUES (:credential, :key, :hash, :postId, :createdTime)")
                .setParameter("credential", credential)
                .setParameter("key", key)
                .setParameter("hash", requestHash)
                .setParameter("postId", postId)
                .setParameter("createdTime", createdTime)
                .executeUpdate();
    }

    void delete(Session session) {
        session.createNativeMutationQuery("DELETE FROM idempotency_key WHERE credential = :credential "
                        + "AND request_key = :key")
                .setParameter("credential", credential)
                .setParameter("key", key)
                .executeUpdate();
    }
}
