package com.example.posts.author;

import com.example.posts.config.ApiToken;
import com.example.posts.web.Credential;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Tells who a bearer token belongs to: the service token (POSTS_API_TOKEN), compared in memory, or an
 * author's, looked up in the database on every request that presents one. No cache: a token revoked, expired
 * or whose author is disabled is refused by every server of a farm from the next request on, and the lookup
 * is one primary-key read, which costs a write less than the write itself (docs/authors.md has the figures).
 * A database that cannot answer fails the request with its 503, never a 401.
 */
public final class TokenAuthentication {
    private final ApiToken serviceToken;
    private final AuthorTokens tokens;
    private final Clock clock;

    public TokenAuthentication(ApiToken serviceToken, AuthorTokens tokens, Clock clock) {
        this.serviceToken = serviceToken;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The outcome: a credential, or why there is none. */
    public sealed interface Outcome permits Accepted, Refused {
    }

    public record Accepted(Credential credential) implements Outcome {
    }

    public record Refused(AuthFailure failure) implements Outcome {
    }

    public Outcome authenticate(String presented) {
        if (AuthorTokenFormat.claims(presented)) {
            return AuthorTokenFormat.parse(presented)
                    .map(this::authorToken)
                    .orElse(new Refused(AuthFailure.MALFORMED));
        }
        if (serviceToken.matches(Optional.of(presented))) {
            return new Accepted(Credential.serviceToken(serviceToken.scope().orElseThrow()));
        }
        return new Refused(AuthFailure.UNKNOWN);
    }

    /** The secret is checked first, so that only its holder learns that a token is revoked or expired. */
    private Outcome authorToken(AuthorTokenFormat.Presented presented) {
        Optional<AuthorToken> found = tokens.findWithAuthor(presented.id());
        if (found.isEmpty() || !found.get().hasSecretHash(AuthorTokens.hashOf(presented.secret()))) {
            return new Refused(AuthFailure.UNKNOWN);
        }
        AuthorToken token = found.get();
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        if (!token.author().isEnabled()) {
            return new Refused(AuthFailure.DISABLED);
        }
        if (token.revokedTime().isPresent()) {
            return new Refused(AuthFailure.REVOKED);
        }
        if (token.hasExpiredAt(now)) {
            return new Refused(AuthFailure.EXPIRED);
        }
        tokens.noteUse(token, now);
        Author author = token.author();
        return new Accepted(Credential.authorToken(author.id(), author.email(), author.role(), token.id()));
    }
}
