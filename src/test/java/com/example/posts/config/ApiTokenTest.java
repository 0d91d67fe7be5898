package com.example.posts.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

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
    void absentOrBlankMeansWritesAreDisabled() {
        assertFalse(ApiToken.fromEnvironment(Map.of()).isConfigured());
        assertFalse(ApiToken.fromEnvironment(Map.of("POSTS_API_TOKEN", " ")).isConfigured());
        assertFalse(ApiToken.none().matches(Optional.of("")));
    }

    @Test
    void tooShortTokenFailsStartUpNamingTheVariable() {
        ConfigurationException failure = assertThrows(ConfigurationException.class,
                () -> ApiToken.fromEnvironment(Map.of("POSTS_API_TOKEN", "short")));

        assertTrue(failure.getMessage().contains("POSTS_API_TOKEN"));
    }
}
