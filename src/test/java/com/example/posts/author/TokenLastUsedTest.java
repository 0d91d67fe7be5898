package com.example.posts.author;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.contract.ApiTestCase;
import com.example.posts.support.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** A token's last-used time is written when it is a minute old or more, not on every request. */
class TokenLastUsedTest extends ApiTestCase {

    private static String lastUsed(String tokenId) {
        return TestDatabase.shared().firstValue("SELECT last_used_time FROM author_token WHERE id = '" + tokenId + "'");
    }

    private static void setLastUsed(String tokenId, int secondsAgo) throws Exception {
        try (Connection connection = TestDatabase.shared().database().dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE author_token SET last_used_time = UTC_TIMESTAMP() - INTERVAL "
                    + secondsAgo + " SECOND WHERE id = '" + tokenId + "'");
        }
    }

    @Test
    void writtenOnFirstUseThenAtMostOnceAMinute() throws Exception {
        String token = issueToken(createAuthor("ann@example.com", "Ann", "author"), "laptop");
        String id = token.substring(4, 16);
        assertEquals(null, lastUsed(id));

        assertEquals(200, as(token, "me").get().getStatus());
        assertTrue(lastUsed(id) != null, "the first use is recorded");

        setLastUsed(id, 30);
        String thirtySecondsAgo = lastUsed(id);
        assertEquals(200, as(token, "me").get().getStatus());
        assertEquals(thirtySecondsAgo, lastUsed(id), "not again within the minute");

        setLastUsed(id, 61);
        String aMinuteAgo = lastUsed(id);
        assertEquals(200, as(token, "me").get().getStatus());
        assertNotEquals(aMinuteAgo, lastUsed(id), "again once it is a minute old");
    }
}
