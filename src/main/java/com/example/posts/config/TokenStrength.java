package com.example.posts.config;

import java.util.Locale;
import java.util.Optional;

/**
 * What a bearer token must be to guard writes: not a placeholder from the documentation (anything starting
 * "change-me"), at least 16 characters, at least 10 of them different, of at least two kinds (lower case,
 * upper case, digits, others). {@code openssl rand -base64 32} makes one that passes.
 */
final class TokenStrength {
    static final int MIN_LENGTH = 16;
    static final int MIN_DISTINCT = 10;
    static final int MIN_KINDS = 2;
    static final String HOW_TO_MAKE_ONE = "make one with: openssl rand -base64 32";

    private TokenStrength() {
    }

    /** Why the token is too weak, or empty if it is strong enough. */
    static Optional<String> weakness(String token) {
        if (token.toLowerCase(Locale.ROOT).startsWith("change-me")) {
            return Optional.of("is still a placeholder (it starts with \"change-me\")");
        }
        if (token.length() < MIN_LENGTH) {
            return Optional.of("must be at least " + MIN_LENGTH + " characters long");
        }
        if (token.chars().distinct().count() < MIN_DISTINCT) {
            return Optional.of("must have at least " + MIN_DISTINCT + " different characters");
        }
        if (kinds(token) < MIN_KINDS) {
            return Optional.of("must mix at least " + MIN_KINDS
                    + " kinds of characters (lower case, upper case, digits, others)");
        }
        return Optional.empty();
    }

    private static long kinds(String token) {
        return token.chars().map(TokenStrength::kind).distinct().count();
    }

    private static int kind(int c) {
        if (Character.isLowerCase(c)) {
            return 0;
        }
        if (Character.isUpperCase(c)) {
            return 1;
        }
        return Character.isDigit(c) ? 2 : 3;
    }
}
