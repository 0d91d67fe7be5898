package com.example.posts.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiTokenTest {
    private static final String TOKEN = "a-long-enough-token";

    @Test
    void matchesOnlyTheExactToken() {
        ApiToken token = ApiToken.fromEnvironment(Map.of("POSTS_API_TOKEN", TOKEN));

        assertTrue(token.isConfigured());
        assertTrue(token.matches(Optional.of(TOKEN)));
        assertFalse(token.matches(Optional.of(TOKEN + "x")));
        assertFalse(token.matches(Optional.of(TOKEN.substring(1))));
        assertFalse(token.matches(Optional.empty()));
    }

    @Test
    void aGeneratedTokenIsAccepted() {
        // What `openssl rand -base64 32` prints.
        assertTrue(ApiToken.of("q3Vx0b8yZ7c1mWJ+fK2sT9hR4aLpN6uE5dGiHoYtQkM=").isConfigured());
    }

    @Test
    void readOnlyOnPurposeHasNoToken() {
        ApiToken token = ApiToken.fromEnvironment(Map.of("POSTS_READ_ONLY", "true"));

        assertFalse(token.isConfigured());
        assertFalse(token.matches(Optional.of("")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void noTokenWithoutTheReadOnlySwitchFailsStartUpSayingWhatToDo(String blank) {
        ConfigurationException failure = assertThrows(ConfigurationException.class,
                () -> ApiToken.fromEnvironment(Map.of("POSTS_API_TOKEN", blank)));

        assertTrue(failure.getMessage().contains("POSTS_API_TOKEN is not set"), failure.getMessage());
        assertTrue(failure.getMessage().contains("POSTS_READ_ONLY=true"), failure.getMessage());
        assertTrue(failure.getMessage().contains("openssl rand -base64 32"), failure.getMessage());
    }

    @Test
    void aTokenAndTheReadOnlySwitchTogetherFailStartUp() {
        ConfigurationException failure = assertThrows(ConfigurationException.class,
                () -> ApiToken.fromEnvironment(Map.of("POSTS_API_TOKEN", TOKEN, "POSTS_READ_ONLY", "true")));

        assertTrue(failure.getMessage().contains("both set"), failure.getMessage());
    }

    @Test
    void aReadOnlySwitchThatIsNotABooleanFailsStartUpNamingIt() {
        ConfigurationException failure = assertThrows(ConfigurationException.class,
                () -> ApiToken.fromEnvironment(Map.of("POSTS_READ_ONLY", "yes")));

        assertTrue(failure.getMessage().startsWith("POSTS_READ_ONLY must be true or false"), failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "change-me-to-a-long-random-token", // .env.example's placeholder
        "CHANGE-ME-please-0123456789",
        "short-1",                          // fewer than 16 characters
        "aaaaaaaabbbbbbbb1111",             // 3 different characters
        "abcdefghijklmnopqrst",             // one kind of character
    })
    void weakTokensFailStartUpNamingTheVariableAndHowToMakeOne(String weak) {
        ConfigurationException failure = assertThrows(ConfigurationException.class,
                () -> ApiToken.fromEnvironment(Map.of("POSTS_API_TOKEN", weak)));

        assertTrue(failure.getMessage().startsWith("POSTS_API_TOKEN "), failure.getMessage());
        assertTrue(failure.getMessage().contains("openssl rand -base64 32"), failure.getMessage());
    }
}
