package com.example.posts.author;

import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * What authentication needs of a token and its author, read in one query and kept a few seconds by
 * {@link RecentTokens}: immutable, so requests on many threads may share it.
 */
record KnownToken(String id, byte[] secretHash, int authorId, String authorEmail, Role role, boolean authorEnabled,
                  boolean revoked, Optional<LocalDateTime> expiresTime, Optional<LocalDateTime> lastUsedTime) {

    static KnownToken of(AuthorToken token) {
        Author author = token.author();
        return new KnownToken(token.id(), token.secretHash(), author.id(), author.email(), author.role(),
                author.isEnabled(), token.revokedTime().isPresent(), token.expiresTime(), token.lastUsedTime());
    }

    /** Constant time, so how much of a guessed secret is right does not leak through timing. */
    boolean hasSecretHash(byte[] presentedHash) {
        return MessageDigest.isEqual(secretHash, presentedHash);
    }

    boolean hasExpiredAt(LocalDateTime now) {
        return expiresTime.filter(expiry -> !now.isBefore(expiry)).isPresent();
    }

    KnownToken usedAt(LocalDateTime now) {
        return new KnownToken(id, secretHash, authorId, authorEmail, role, authorEnabled, revoked, expiresTime,
                Optional.of(now));
    }

    @Override
    public String toString() {
        return "token " + id + " of author " + authorId;
    }
}
