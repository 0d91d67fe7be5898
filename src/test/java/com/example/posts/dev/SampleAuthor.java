package com.example.posts.dev;

import com.example.posts.author.Author;
import com.example.posts.author.AuthorRepository;
import com.example.posts.author.AuthorTokens;
import com.example.posts.author.Role;
import com.example.posts.db.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The dev run's sample author, who owns the sample posts written as {@link #EMAIL}: made on the first start,
 * and given a fresh token at every start, since a token's secret is shown only once and the database outlives
 * the run. The token lasts a day.
 */
final class SampleAuthor {
    static final String EMAIL = "me@me.com";
    private static final Duration TOKEN_LIFETIME = Duration.ofDays(1);

    private SampleAuthor() {
    }

    /** The text of a new token for the sample author, who is made first if need be. */
    static String issueToken(Database database) {
        AuthorRepository authors = new AuthorRepository(database.sessionFactory());
        AuthorTokens tokens = new AuthorTokens(database.sessionFactory());
        LocalDateTime now = LocalDateTime.now(Clock.systemUTC()).truncatedTo(ChronoUnit.SECONDS);
        Author author = authors.list(Optional.of(EMAIL), Optional.empty(), 1).stream().findFirst()
                .orElseGet(() -> authors.create(EMAIL, "Sample Author", Role.AUTHOR, now));
        return tokens.issue(author.id(), "dev run " + now, Optional.of(TOKEN_LIFETIME), now)
                .orElseThrow(() -> new IllegalStateException("the sample author was just found or made"))
                .text();
    }
}
