package com.example.posts.author;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A token as the API shows it; {@code token}, its text with the secret, only in the answer that creates it. */
public record TokenView(String id, String label, Instant createdTime, Instant expiresTime, Instant revokedTime,
                        Instant lastUsedTime, @JsonInclude(JsonInclude.Include.NON_NULL) String token) {

    static TokenView of(AuthorToken token) {
        return new TokenView(token.id(), token.label(), AuthorView.utc(token.createdTime()),
                token.expiresTime().map(AuthorView::utc).orElse(null),
                token.revokedTime().map(AuthorView::utc).orElse(null),
                token.lastUsedTime().map(AuthorView::utc).orElse(null), null);
    }

    static TokenView issued(AuthorTokens.Issued issued) {
        TokenView view = of(issued.token());
        return new TokenView(view.id(), view.label(), view.createdTime(), view.expiresTime(), null, null,
                issued.text());
    }

    @Override
    public String toString() {
        return "token " + id; // never the secret
    }
}
