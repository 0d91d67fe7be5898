package com.example.posts.config;

import java.util.Locale;
import java.util.Optional;
import me.gosimple.nbvcxz.Nbvcxz;

/**
 * What a bearer token must be to guard writes. First the old rule: not a placeholder from the documentation
 * (anything starting "change-me"), at least 16 characters, at least 10 of them different, of at least two
 * kinds (lower case, upper case, digits, others). Then how hard it is to guess, as nbvcxz estimates it: a
 * counting rule cannot see that {@code Password1234567!} is a word and a run of digits, nbvcxz does.
 * {@code openssl rand -base64 32} makes a token of about 190 bits by that estimate.
 * <p>
 * Below {@link #GUESSABLE_BITS} a token is refused. Between that and {@link #TARGET_BITS}, a token that passes
 * the old rule still starts the service, with a warning, for this release only: the next one refuses it.
 */
record TokenStrength(Optional<String> refusal, Optional<String> warning) {
    static final int MIN_LENGTH = 16;
    static final int MIN_DISTINCT = 10;
    static final int MIN_KINDS = 2;
    static final int GUESSABLE_BITS = 64;
    static final int TARGET_BITS = 128;
    static final String HOW_TO_MAKE_ONE = "make one with: openssl rand -base64 32";

    /** Judges a token; the first call loads nbvcxz's dictionaries (under a second, once per JVM). */
    static TokenStrength of(String token) {
        Optional<String> broken = brokenRule(token);
        if (broken.isPresent()) {
            return new TokenStrength(broken, Optional.empty());
        }
        long bits = Math.round(new Nbvcxz().estimate(token).getEntropy());
        if (bits < GUESSABLE_BITS) {
            return new TokenStrength(Optional.of("is guessable: words, runs and repeats give it an estimated "
                    + bits + " bits, and at least " + TARGET_BITS + " are needed"), Optional.empty());
        }
        if (bits < TARGET_BITS) {
            return new TokenStrength(Optional.empty(), Optional.of("has an estimated " + bits
                    + " bits, fewer than the " + TARGET_BITS + " needed: this release still starts with it,"
                    + " the next release will refuse it"));
        }
        return new TokenStrength(Optional.empty(), Optional.empty());
    }

    private static Optional<String> brokenRule(String token) {
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
