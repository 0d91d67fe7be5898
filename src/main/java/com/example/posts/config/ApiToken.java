package com.example.posts.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service token, from POSTS_API_TOKEN: an admin's, beside the authors' own tokens (docs/authors.md); or
 * none, when the operator runs the service read-only on purpose with POSTS_READ_ONLY=true. Neither set is
 * allowed once the database holds an enabled admin (PostsApplication checks). A weak token fails start-up (see
 * {@link TokenStrength}; a token that only the new estimate finds short of 128 bits is logged as a warning).
 * Only a digest is kept, and presented tokens are compared digest to digest in constant time,
 * so neither the content nor the length of the token leaks through timing; and the token's scope, the name
 * stored data may give it ({@link TokenScope}).
 */
public final class ApiToken {
    private static final Logger LOG = LoggerFactory.getLogger(ApiToken.class);
    static final String TOKEN_VARIABLE = "POSTS_API_TOKEN";
    static final String READ_ONLY_VARIABLE = "POSTS_READ_ONLY";

    private final byte[] digest;
    private final byte[] scope;
    private final boolean readOnly;

    private ApiToken(byte[] digest, byte[] scope, boolean readOnly) {
        this.digest = digest;
        this.scope = scope;
        this.readOnly = readOnly;
    }

    /** A token that writes must present; a weak one is refused with the rule it breaks. */
    public static ApiToken of(String token) {
        String value = token == null ? "" : token.strip();
        if (value.isEmpty()) {
            throw new ConfigurationException(TOKEN_VARIABLE + " is empty; " + TokenStrength.HOW_TO_MAKE_ONE);
        }
        if (value.startsWith("pst_")) {
            throw new ConfigurationException(TOKEN_VARIABLE + " starts with pst_, as authors' tokens do, and would "
                    + "be read as one: choose another; " + TokenStrength.HOW_TO_MAKE_ONE);
        }
        TokenStrength strength = TokenStrength.of(value);
        strength.refusal().ifPresent(weakness -> {
            throw new ConfigurationException(TOKEN_VARIABLE + " " + weakness + "; " + TokenStrength.HOW_TO_MAKE_ONE);
        });
        strength.warning().ifPresent(warning ->
                LOG.warn("{} {}; {}", TOKEN_VARIABLE, warning, TokenStrength.HOW_TO_MAKE_ONE));
        return new ApiToken(digestOf(value), TokenScope.of(value), false);
    }

    /** Read-only on purpose: every write is refused, whatever token it presents. */
    public static ApiToken none() {
        return new ApiToken(null, null, true);
    }

    /** No service token: only authors' tokens are accepted (PostsApplication checks that an admin exists). */
    public static ApiToken notSet() {
        return new ApiToken(null, null, false);
    }

    public static ApiToken fromEnvironment(Map<String, String> env) {
        String token = env.getOrDefault(TOKEN_VARIABLE, "");
        boolean readOnly = readOnly(env.getOrDefault(READ_ONLY_VARIABLE, ""));
        if (readOnly && !token.isBlank()) {
            throw new ConfigurationException(READ_ONLY_VARIABLE + "=true and " + TOKEN_VARIABLE
                    + " are both set; unset one of them");
        }
        if (readOnly) {
            return none();
        }
        return token.isBlank() ? notSet() : of(token);
    }

    private static boolean readOnly(String value) {
        return switch (value.strip()) {
            case "true" -> true;
            case "", "false" -> false;
            default -> throw new ConfigurationException(READ_ONLY_VARIABLE + " must be true or false, got '"
                    + value + "'");
        };
    }

    /** Whether POSTS_API_TOKEN is set (and so is an admin token). */
    public boolean isConfigured() {
        return digest != null;
    }

    /** POSTS_READ_ONLY=true: no write is accepted, and no account read. */
    public boolean isReadOnly() {
        return readOnly;
    }

    /** What start-up says when there is neither this token nor an admin in the database. */
    public static String notSetAndNoAdmin() {
        return TOKEN_VARIABLE + " is not set and the database holds no enabled admin: set " + TOKEN_VARIABLE
                + " (" + TokenStrength.HOW_TO_MAKE_ONE + "), or set " + READ_ONLY_VARIABLE
                + "=true to run a service that refuses every write";
    }

    public boolean matches(Optional<String> presented) {
        return digest != null
                && presented.isPresent()
                && MessageDigest.isEqual(digest, digestOf(presented.get()));
    }

    /** What stored data may name this token by (see {@link TokenScope}); empty when no token is configured. */
    public Optional<byte[]> scope() {
        return Optional.ofNullable(scope).map(byte[]::clone);
    }

    private static byte[] digestOf(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
