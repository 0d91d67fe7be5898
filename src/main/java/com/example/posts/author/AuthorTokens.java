package com.example.posts.author;

import com.example.posts.db.WriteTransaction;
import com.example.posts.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.hibernate.LockMode;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Issues, lists, revokes and looks up authors' tokens. The database keeps a SHA-256 of each secret only. */
public final class AuthorTokens {
    private static final Logger LOG = LoggerFactory.getLogger(AuthorTokens.class);
    /** last_used_time is a hint for people, not an audit trail: written at most once a minute per token. */
    static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);
    private static final int TOUCH_TIMEOUT_SECONDS = 2;

    private final SessionFactory sessions;
    private final WriteTransaction writes;

    public AuthorTokens(SessionFactory sessions) {
        this.sessions = sessions;
        this.writes = new WriteTransaction(sessions);
    }

    /** A token and its text, which holds the secret: the one time it is shown. */
    public record Issued(AuthorToken token, String text) {
        @Override
        public String toString() {
            return "issued token " + token.id();
        }
    }

    /** Empty when there is no such author; 409 for a disabled one. */
    public Optional<Issued> issue(int authorId, String label, Optional<Duration> lifetime, LocalDateTime now) {
        AuthorTokenFormat.Presented secret = AuthorTokenFormat.generate();
        return writes.run(session -> {
            Author author = session.find(Author.class, authorId, LockMode.PESSIMISTIC_READ);
            if (author == null) {
                return Optional.<Issued>empty();
            }
            if (!author.isEnabled()) {
                throw new ProblemException(409, "The author is disabled; an admin may make them a new account");
            }
            AuthorToken token = new AuthorToken(secret.id(), author, label, hashOf(secret.secret()), now,
                    lifetime.map(now::plus).orElse(null));
            session.persist(token);
            return Optional.of(new Issued(token, AuthorTokenFormat.text(secret)));
        });
    }

    /** Newest first, revoked and expired ones included. */
    public List<AuthorToken> list(int authorId) {
        try (StatelessSession session = sessions.openStatelessSession()) {
            return session.createSelectionQuery("from AuthorToken t where t.author.id = :author "
                            + "order by t.createdTime desc, t.id", AuthorToken.class)
                    .setParameter("author", authorId)
                    .getResultList();
        }
    }

    /** Revokes the author's token (again: no change); false when the author has no such token. */
    public boolean revoke(int authorId, String tokenId, LocalDateTime now) {
        return writes.run(session -> {
            AuthorToken token = session.find(AuthorToken.class, tokenId, LockMode.PESSIMISTIC_WRITE);
            if (token == null || token.author().id() != authorId) {
                return false;
            }
            token.revoke(now);
            return true;
        });
    }

    /** The token with this public id and its author, in one statement. */
    Optional<AuthorToken> findWithAuthor(String tokenId) {
        try (StatelessSession session = sessions.openStatelessSession()) {
            return session.createSelectionQuery("from AuthorToken t join fetch t.author where t.id = :id",
                            AuthorToken.class)
                    .setParameter("id", tokenId)
                    .uniqueResultOptional();
        }
    }

    /** The token with this public id, with what authentication needs of its author. */
    Optional<KnownToken> findKnown(String tokenId) {
        return findWithAuthor(tokenId).map(KnownToken::of);
    }

    /**
     * Records a use when the last one recorded is a minute old; a failure here must not fail the request.
     * The token as it now is, its last use included.
     */
    KnownToken noteUse(KnownToken token, LocalDateTime now) {
        LocalDateTime since = now.minus(LAST_USED_PRECISION);
        if (token.lastUsedTime().filter(used -> used.isAfter(since)).isPresent()) {
            return token;
        }
        try (StatelessSession session = sessions.openStatelessSession()) {
            Transaction transaction = session.getTransaction();
            transaction.setTimeout(TOUCH_TIMEOUT_SECONDS);
            transaction.begin();
            try {
                session.createMutationQuery("update AuthorToken t set t.lastUsedTime = :now where t.id = :id "
                                + "and (t.lastUsedTime is null or t.lastUsedTime <= :since)")
                        .setParameter("now", now)
                        .setParameter("id", token.id())
                        .setParameter("since", since)
                        .executeUpdate();
                transaction.commit();
                return token.usedAt(now);
            } finally {
                if (transaction.isActive()) {
                    transaction.rollback();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not record the use of token {}: {}", token.id(), e.getMessage());
            return token;
        }
    }

    /** SHA-256 of ASCII text: a token's secret as stored, and what {@code Credential} scopes a token by. */
    public static byte[] hashOf(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
