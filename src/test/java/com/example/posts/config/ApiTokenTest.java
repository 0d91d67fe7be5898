package com.example.posts.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.example.posts.support.IndependentOfTestDatabase;
import com.example.posts.support.LogCapture;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@IndependentOfTestDatabase
class ApiTokenTest {
    private static final String TOKEN = "2tX8pKd0Vq7LmZc4RwN9yHbE6uJf3GsA1";
    /** Passes the old rule, and nbvcxz estimates it at about 92 bits: enough to start, with a warning. */
    private static final String SHORT_OF_128_BITS = "test-token-4f1c9a7e2b";

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
    void theScopeThatStoredDataNamesATokenByIsStableAndNoPlainDigestOfIt() throws Exception {
        byte[] scope = ApiToken.of(TOKEN).scope().orElseThrow();
        byte[] plainDigest = MessageDigest.getInstance("SHA-256").digest(TOKEN.getBytes(StandardCharsets.UTF_8));

        assertArrayEquals(scope, ApiToken.of(TOKEN).scope().orElseThrow(), "every server of a farm agrees");
        assertFalse(Arrays.equals(scope, ApiToken.of(TOKEN + "x").scope().orElseThrow()));
        assertFalse(Arrays.equals(scope, plainDigest), "a backup must not hold a fast digest of the token");
        assertTrue(ApiToken.none().scope().isEmpty());
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
    void noTokenWithoutTheReadOnlySwitchLeavesWritesToAuthorsTokens(String blank) {
        ApiToken token = ApiToken.fromEnvironment(Map.of("POSTS_API_TOKEN", blank));

        assertFalse(token.isConfigured());
        assertFalse(token.isReadOnly());
        assertFalse(token.matches(Optional.of(blank)));
        assertTrue(ApiToken.notSetAndNoAdmin().contains("POSTS_READ_ONLY=true"));
        assertTrue(ApiToken.notSetAndNoAdmin().contains("openssl rand -base64 32"));
    }

    static Stream<Arguments> refusedSettings() {
        return Stream.of(
                Arguments.of(Map.of("POSTS_API_TOKEN", TOKEN, "POSTS_READ_ONLY", "true"),
                        "POSTS_READ_ONLY=true and POSTS_API_TOKEN are both set"),
                Arguments.of(Map.of("POSTS_READ_ONLY", "yes"), "POSTS_READ_ONLY must be true or false"),
                // Passed the old rule: a word and a run.
                Arguments.of(Map.of("POSTS_API_TOKEN", "Password1234567!"), "POSTS_API_TOKEN is guessable"));
    }

    @ParameterizedTest
    @MethodSource("refusedSettings")
    void refusedSettingsFailStartUpSayingWhy(Map<String, String> env, String reason) {
        String failure = startUpFailure(env);

        assertTrue(failure.startsWith(reason), failure);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "change-me-to-a-long-random-token", // .env.example's placeholder
        "CHANGE-ME-please-0123456789",
        "short-1",                          // fewer than 16 characters
        "aaaaaaaabbbbbbbb1111",             // 3 different characters
        "abcdefghijklmnopqrst",             // one kind of character
        "Password1234567!",                 // passed the old rule: a word and a run, about 9 bits
        "Password1234567!Password1234567!", // the same twice, about 17 bits
        "a-long-enough-token",              // passed the old rule: words, about 44 bits
    })
    void weakTokensFailStartUpNamingTheVariableAndHowToMakeOne(String weak) {
        String failure = startUpFailure(Map.of("POSTS_API_TOKEN", weak));

        assertTrue(failure.startsWith("POSTS_API_TOKEN "), failure);
        assertTrue(failure.contains("openssl rand -base64 32"), failure);
    }

    @Test
    void aTokenShortOf128BitsStartsWithOneWarningNamingTheVariableAndTheNextRelease() {
        List<ILoggingEvent> warnings;
        try (LogCapture log = new LogCapture()) {
            assertTrue(ApiToken.fromEnvironment(Map.of("POSTS_API_TOKEN", SHORT_OF_128_BITS)).isConfigured());
            warnings = log.events().stream().filter(event -> event.getLevel() == Level.WARN).toList();
        }

        assertEquals(1, warnings.size(), warnings.toString());
        String message = warnings.get(0).getFormattedMessage();
        assertTrue(message.startsWith("POSTS_API_TOKEN has an estimated "), message);
        assertTrue(message.contains("the next release will refuse it"), message);
        assertTrue(message.contains("openssl rand -base64 32"), message);
        assertFalse(message.contains(SHORT_OF_128_BITS), "the log must not hold the token: " + message);
    }

    @Test
    void aStrongTokenStartsWithoutAWarning() {
        try (LogCapture log = new LogCapture()) {
            ApiToken.fromEnvironment(Map.of("POSTS_API_TOKEN", TOKEN));

            assertTrue(log.events().stream().noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.WARN)));
        }
    }

    /** The message of the start-up that the environment fails. */
    private static String startUpFailure(Map<String, String> env) {
        return assertThrows(ConfigurationException.class, () -> ApiToken.fromEnvironment(env)).getMessage();
    }
}
