package com.example.posts.author;

import com.example.posts.config.ApiToken;
import com.example.posts.web.Credential;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Tells who a bearer token belongs to: the service token (POSTS_API_TOKEN), compared in memory, or an
 * author's, looked up in the database, and then kept for {@link RecentTokens#KEPT_FOR} so that the requests
 * after it skip the lookup. A token revoked, expired, or whose author is disabled is refused by every server of
 * a farm within those seconds, with no restart (docs/authors.md has the choice and its measurements). A
 * database that cannot answer fails the request with its 503, never a 401.
 */
public final class TokenAuthentication {
    private final ApiToken serviceToken;
    private final AuthorTokens tokens;
    private final RecentTokens recent;
    private final Clock clock;

    public TokenAuthentication(ApiToken serviceToken, AuthorTokens tokens, RecentTokens recent, Clock clock) {
        this.serviceToken = serviceToken;
        this.tokens = tokens;
        this.recent = recent;
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
        Optional<KnownToken> cached = recent.find(presented.id());
        Optional<KnownToken> found = cached.or(() -> tokens.findKnown(presented.id()));
        if (found.isEmpty() || !found.get().hasSecretHash(AuthorTokens.hashOf(presented.secret()))) {
            return new Refused(AuthFailure.UNKNOWN);
        }
        KnownToken token = found.get();
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        if (!token.authorEnabled()) {
            return new Refused(AuthFailure.DISABLED);
        }
        if (token.revoked()) {
            return new Refused(AuthFailure.REVOKED);
        }
        if (token.hasExpiredAt(now)) {
            return new Refused(AuthFailure.EXPIRED);
        }
        KnownToken used = tokens.noteUse(token, now);
        if (cached.isEmpty() || used != token) {
            recent.keep(used);
        }
        return new Accepted(Credential.authorToken(token.authorId(), token.authorEmail(), token.role(), token.id()));
    }
}
