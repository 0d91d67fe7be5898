package com.example.posts.author;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** An author as the API shows it. */
public record AuthorView(int id, String email, String displayName, Role role, Instant createdTime,
                         Instant disabledTime) {

    static AuthorView of(Author author) {
        return new AuthorView(author.id(), author.email(), author.displayName(), author.role(),
                utc(author.createdTime()), author.disabledTime().map(AuthorView::utc).orElse(null));
    }

    static Instant utc(LocalDateTime time) {
        return time.toInstant(ZoneOffset.UTC);
    }
}
