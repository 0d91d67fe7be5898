package com.example.posts.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.support.IndependentOfTestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@IndependentOfTestDatabase
class ConsistencyTokensTest {
    private final ConsistencyTokens tokens = new ConsistencyTokens("a".repeat(32).getBytes(StandardCharsets.UTF_8));
    private final GtidPosition position = GtidPosition.parse("0-1-42,3-1-7");

    @Test
    void aTokenGivesBackThePositionItWasIssuedFor() {
        assertEquals(Optional.of(position.text()), tokens.verify(tokens.issue(position)));
    }

    @Test
    void aTokenIsACookieValueAsItIs() {
        assertTrue(tokens.issue(position).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"), tokens.issue(position));
    }

    @Test
    void aPositionMovedAheadLosesItsSignature() {
        String token = tokens.issue(position);
        String signature = token.substring(token.indexOf('.'));
        String ahead = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("0-1-999999999,3-1-7".getBytes(StandardCharsets.US_ASCII));

        assertEquals(Optional.empty(), tokens.verify(ahead + signature));
    }

    @Test
    void anotherKeysTokenIsNotOurs() {
        ConsistencyTokens other = new ConsistencyTokens("b".repeat(32).getBytes(StandardCharsets.UTF_8));

        assertEquals(Optional.empty(), tokens.verify(other.issue(position)));
    }

    @Test
    void malformedTokensAreNotOurs() {
        String valid = tokens.issue(position);
        for (String bad : new String[] {"", "abc", ".", valid.replace('.', '!'), "!!." + valid.split("\\.")[1],
                valid + "x".repeat(2048)}) {
            assertEquals(Optional.empty(), tokens.verify(bad), bad);
        }
    }
}
