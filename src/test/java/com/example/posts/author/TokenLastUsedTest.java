package com.example.posts.author;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.example.posts.config.ApiToken;
import com.example.posts.support.TestDatabase;
import com.example.posts.support.TestToken;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A token's last-used time is written when it is a minute old or more, not on every request. */
class TokenLastUsedTest {
    private static final LocalDateTime START = LocalDateTime.of(2026, 1, 1, 12, 0, 0);
    private final SessionFactory sessions = TestDatabase.shared().database().sessionFactory();
    private final AuthorTokens tokens = new AuthorTokens(sessions);
    private Instant now = START.toInstant(ZoneOffset.UTC);
    private final TokenAuthentication authentication = new TokenAuthentication(ApiToken.of(TestToken.VALUE), tokens,
            new RecentTokens(), new Clock() {
                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public Instant instant() {
                    return now;
                }
            });

    @BeforeEach
    void emptyDatabase() {
        TestDatabase.shared().resetWithFixtures();
    }

    private Optional<LocalDateTime> lastUsed(String tokenId) {
        return tokens.findWithAuthor(tokenId).orElseThrow().lastUsedTime();
    }

    private void useAfter(String token, int seconds) {
        now = START.plusSeconds(seconds).toInstant(ZoneOffset.UTC);
        assertInstanceOf(TokenAuthentication.Accepted.class, authentication.authenticate(token));
    }

    @Test
    void writtenOnFirstUseThenAtMostOnceAMinute() {
        int author = new AuthorRepository(sessions).create("ann@example.com", "Ann", Role.AUTHOR, START).id();
        AuthorTokens.Issued issued = tokens.issue(author, "laptop", Optional.empty(), START).orElseThrow();
        String id = issued.token().id();
        assertEquals(Optional.empty(), lastUsed(id));

        useAfter(issued.text(), 0);
        assertEquals(Optional.of(START), lastUsed(id), "the first use is recorded");

        useAfter(issued.text(), 30);
        useAfter(issued.text(), 59);
        assertEquals(Optional.of(START), lastUsed(id), "not again within the minute");

        useAfter(issued.text(), 61);
        assertEquals(Optional.of(START.plusSeconds(61)), lastUsed(id), "again once it is a minute old");
    }
}
