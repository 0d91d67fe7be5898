package com.example.posts.author;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.util.Optional;

/**
 * The author tokens this server accepted in the last {@link #KEPT_FOR}: a request within that window skips the
 * database lookup, which measured a third of a write's CPU (docs/authors.md). So a token revoked, or whose
 * author is disabled, through another server of a farm is refused here within {@link #KEPT_FOR}; through this
 * server, at once ({@link #forget}). An expiry is checked on every request. Refusals are not kept: a token is
 * looked up again until it is accepted.
 */
public final class RecentTokens {
    public static final Duration KEPT_FOR = Duration.ofSeconds(2);
    private static final int MAX_TOKENS = 10_000;

    private final Cache<String, KnownToken> byId = Caffeine.newBuilder()
            .expireAfter(KEPT_FROM_THE_LOOKUP)
            .maximumSize(MAX_TOKENS)
            .build();

    /**
     * From the database read on, not from the last change: a token in use is replaced (its last use) but must
     * still be read again within {@link #KEPT_FOR}, or a revocation elsewhere would never reach this server.
     */
    private static final Expiry<String, KnownToken> KEPT_FROM_THE_LOOKUP = new Expiry<>() {
        @Override
        public long expireAfterCreate(String id, KnownToken token, long now) {
            return KEPT_FOR.toNanos();
        }

        @Override
        public long expireAfterUpdate(String id, KnownToken token, long now, long remaining) {
            return remaining;
        }

        @Override
        public long expireAfterRead(String id, KnownToken token, long now, long remaining) {
            return remaining;
        }
    };

    Optional<KnownToken> find(String tokenId) {
        return Optional.ofNullable(byId.getIfPresent(tokenId));
    }

    void keep(KnownToken token) {
        byId.put(token.id(), token);
    }

    /** After a revocation through this server. */
    public void forget(String tokenId) {
        byId.invalidate(tokenId);
    }

    /** After an author was disabled through this server: every token of theirs. */
    public void forgetAuthor(int authorId) {
        byId.asMap().values().removeIf(token -> token.authorId() == authorId);
    }
}
