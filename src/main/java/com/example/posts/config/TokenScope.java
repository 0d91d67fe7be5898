package com.example.posts.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * What stored data (an idempotency key's owner) names a token by: PBKDF2-HMAC-SHA256 of it. Unlike a plain
 * digest, which a stolen backup would let anyone check guesses against at hardware speed, each guess costs
 * {@link #ROUNDS} rounds; with the at least 64 bits that {@link TokenStrength} demands, no search ends. Worked
 * out once per token, when it is configured.
 */
final class TokenScope {
    static final int ROUNDS = 10_000;
    private static final byte[] SALT = "posts-service token scope".getBytes(StandardCharsets.US_ASCII);
    private static final int BITS = 256;

    private TokenScope() {
    }

    static byte[] of(String token) {
        PBEKeySpec spec = new PBEKeySpec(token.toCharArray(), SALT, ROUNDS, BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime provides PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }
}
