package com.example.posts.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.support.IndependentOfTestDatabase;
import com.example.posts.support.TestToken;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The token rule: the old counting rule, then nbvcxz's estimate (refused below 64 bits, warned below 128). */
@IndependentOfTestDatabase
class TokenStrengthTest {

    @ParameterizedTest
    @ValueSource(strings = {"Password1234567!", "Password1234567!Password1234567!",
            "qwertyuiopasdfghjklzxcvbnm123456", "correct-horse-battery-staple"})
    void patternsAndRepeatsAreRefusedThoughTheyAreLongAndMixed(String guessable) {
        TokenStrength strength = TokenStrength.of(guessable);

        assertTrue(strength.refusal().orElseThrow().startsWith("is guessable"), strength.toString());
    }

    @Test
    void generatedTokensPassWithoutAWarning() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 20; i++) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            String token = Base64.getEncoder().encodeToString(bytes); // what openssl rand -base64 32 prints

            assertEquals(new TokenStrength(Optional.empty(), Optional.empty()), TokenStrength.of(token), token);
        }
    }

    @Test
    void theTestServersTokenPasses() {
        assertEquals(new TokenStrength(Optional.empty(), Optional.empty()), TokenStrength.of(TestToken.VALUE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"test-token-4f1c9a7e2b", "Correct-Horse-Battery-Staple-42", "zR4-pL8-qW2-mK7-nT5"})
    void tokensBetween64And128BitsStartWithAWarningForOneRelease(String shortOfTarget) {
        TokenStrength strength = TokenStrength.of(shortOfTarget);

        assertTrue(strength.refusal().isEmpty(), strength.toString());
        assertTrue(strength.warning().orElseThrow().contains("the next release will refuse it"), strength.toString());
    }

    @Test
    void theOldRuleStillComesFirst() {
        String placeholder = "change-me-to-a-long-random-token";

        assertTrue(TokenStrength.of(placeholder).refusal().orElseThrow().contains("placeholder"));
        assertTrue(TokenStrength.of("short-1").refusal().orElseThrow().contains("at least 16"));
    }
}
